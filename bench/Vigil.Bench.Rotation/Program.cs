using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Bench.Rotation;
using Vigil.Planning;

// Rotation planner benchmark: generate instances, plan each with the greedy baseline and with CP-SAT, validate
// both with the reference validator, and print a table. Usage:
//   dotnet run -c Release --project bench/Vigil.Bench.Rotation -- [--only a,b] [--time-limit S] [--threads N] [--out DIR] [--validator PATH] [--no-single]
// Baselines: the greedy plan, and one undecomposed compact CP-SAT model hinted with it (same time limit; --no-single skips it).
var only = Arg("--only")?.Split(',') ?? null;
var timeLimit = double.Parse(Arg("--time-limit") ?? "60", CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var outDir = Path.GetFullPath(Arg("--out") ?? "bench-out");
var validator = Arg("--validator") ?? FindValidator();
var generateOnly = args.Contains("--generate-only");
var withSingle = !args.Contains("--no-single");
// --components: after each plan, one line per component (objective, bound, gap, time, the phase that found its plan).
Action<IReadOnlyList<ComponentSummary>>? componentReport = args.Contains("--components") ? PrintComponents : null;
Directory.CreateDirectory(outDir);

if (Arg("--problem") is { } singleFile)
{
    // Plan one problem file (for experiments): prints the status, objective and bound.
    var one = ProblemReader.ReadFile(singleFile).Problem ?? throw new InvalidOperationException("invalid problem");
    // --cancel-after S: cancel the run after S seconds, as Ctrl+C or SIGTERM does in the CLI (how fast it stops).
    using var cancelAfter = Arg("--cancel-after") is { } after
        ? new CancellationTokenSource(TimeSpan.FromSeconds(double.Parse(after, CultureInfo.InvariantCulture)))
        : new CancellationTokenSource();
    var result = RotationPlanner.Plan(one, new PlannerOptions
    {
        TimeLimit = TimeSpan.FromSeconds(timeLimit),
        Threads = threads,
        ExtraSolverParameters = Arg("--cpsat") ?? "",
        BranchAndPrice = !args.Contains("--no-bnp"),
        GeographicSplit = args.Contains("--split"),
        LeaveFreeStart = !args.Contains("--no-leave-free"),
        HandOverSweep = !args.Contains("--no-sweep"),
        SplitOfficers = int.Parse(Arg("--split-officers") ?? "40", CultureInfo.InvariantCulture),
        Progress = args.Contains("--progress") ? new Progress(p => Console.WriteLine($"  {p.ElapsedSeconds:0.0} s {p.Objective} / {p.Bound} {p.Stage}")) : null,
        Trace = args.Contains("--progress") ? line => Console.WriteLine("  " + line) : null,
        ComponentReport = componentReport,
    }, cancelAfter.Token);
    Console.WriteLine($"{result.Status} objective {result.Objective} bound {result.Bound} {result.SolveSeconds:0.0} s");
    if (Arg("--write") is { } writePath)
    {
        File.WriteAllText(writePath, PlanJson.Write(result));
    }
    return 0;
}

if (Arg("--compact") is { } compactFile)
{
    // Experiment: the compact CP-SAT model alone on one problem file (exact when every officer has ≤ 40 candidate
    // sites), hinted with a plan file (--hint) or greedy; CP-SAT's own bound says whether a gap is the plans' or
    // the relaxation's on slices too large for the planner's compact phase.
    var one = ProblemReader.ReadFile(compactFile).Problem ?? throw new InvalidOperationException("invalid problem");
    var index = new PlanningIndex(one);
    var (greedy, failed) = GreedyPlanner.Run(index);
    var hint = greedy.Select((g, o) => failed[o] ? null : g).ToArray();
    if (Arg("--hint") is { } hintFile)
    {
        hint = ReadPostings(one, hintFile);
    }
    int[] all = [.. Enumerable.Range(0, one.Officers.Count)];
    var solver = new ComponentSolver(index, all, [.. Enumerable.Range(0, one.Sites.Count)],
        new PlannerOptions { Threads = threads, ExtraSolverParameters = Arg("--cpsat") ?? "" });
    var watch = Stopwatch.StartNew();
    var solved = solver.Solve(TimeSpan.FromSeconds(timeLimit), hint, (o, b) => Console.WriteLine($"  {watch.Elapsed.TotalSeconds:0.0} s {o} / {b}"), CancellationToken.None);
    Console.WriteLine($"compact: objective {(solved.Sites is null ? "-" : RotationPlanner.ComponentObjective(index, solved.Sites, all, [.. Enumerable.Range(0, one.Sites.Count)]).ToString(CultureInfo.InvariantCulture))} bound {solved.Bound} {watch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

if (Arg("--lns") is { } lnsFile)
{
    // Experiment: neighbourhood search alone from a plan file (--start) on a one-mission problem, for --time-limit
    // seconds; --window-share (0 … 1) is the share of tries that re-plan a time window in an area rather than a few
    // officers over the whole horizon.
    var one = ProblemReader.ReadFile(lnsFile).Problem ?? throw new InvalidOperationException("invalid problem");
    var index = new PlanningIndex(one);
    int[] all = [.. Enumerable.Range(0, one.Officers.Count)];
    int[] sites = [.. Enumerable.Range(0, one.Sites.Count)];
    var plan = ReadPostings(one, Arg("--start") ?? throw new InvalidOperationException("--start PLAN is required"));
    var options = new PlannerOptions { Threads = threads, ExtraSolverParameters = Arg("--cpsat") ?? "", Trace = Console.WriteLine };
    var watch = Stopwatch.StartNew();
    Console.WriteLine($"start {RotationPlanner.ComponentObjective(index, plan, all, sites)}");
    var limit = TimeSpan.FromSeconds(timeLimit);
    void Improved(long objective) => Console.WriteLine($"  {watch.Elapsed.TotalSeconds:0.0} s {objective}");
    plan = RotationPlanner.Improve(index, all, sites, plan, () => limit - watch.Elapsed, options, 0, Improved, CancellationToken.None,
        double.Parse(Arg("--window-share") ?? "0.75", CultureInfo.InvariantCulture));
    Console.WriteLine($"end {RotationPlanner.ComponentObjective(index, plan, all, sites)} at {watch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}

if (Arg("--cg") is { } cgFile)
{
    // Experiment: column generation per mission, then the integer master over its valid columns.
    var one = ProblemReader.ReadFile(cgFile).Problem ?? throw new InvalidOperationException("invalid problem");
    var index = new PlanningIndex(one);
    var (greedySites, _) = GreedyPlanner.Run(index);
    foreach (var mission in one.Officers.Select(o => o.Mission).Distinct())
    {
        int[] officers = [.. Enumerable.Range(0, one.Officers.Count).Where(o => one.Officers[o].Mission == mission)];
        int[] sites = [.. Enumerable.Range(0, one.Sites.Count).Where(s => one.Sites[s].Mission == mission)];
        var hint = officers.Select(o => greedySites[o]).ToArray();
        var watch = Stopwatch.StartNew();
        var cgRun = new ColumnGeneration(index, officers, sites, false) { DiveLog = line => Console.WriteLine("  " + line) };
        var lag = new LagrangianBound(index, officers, sites).Run(long.MaxValue / 8, TimeSpan.FromSeconds(timeLimit / 3), 1000, null, CancellationToken.None, threads);
        Console.WriteLine($"{mission}: lagrangian {lag.Bound} {watch.Elapsed.TotalSeconds:0.00} s");
        var cg = cgRun.Run([.. hint.Select((h, i) => lag.Columns[i].Where(c => Schedules.IsValid(index, officers[i], c)).Append(h))], long.MaxValue,
            TimeSpan.FromSeconds(timeLimit), threads, null, CancellationToken.None,
            Arg("--dive") is { } dv ? new DiveSettings(TimeSpan.FromSeconds(double.Parse(dv, CultureInfo.InvariantCulture)), long.Parse(Arg("--cutoff") ?? "200000", CultureInfo.InvariantCulture), int.Parse(Arg("--tail") ?? "14", CultureInfo.InvariantCulture)) : null);
        if (Arg("--guide") is { } guideWeights && cg.LpPostings is { } lpPostings)
        {
            // Experiment: sweeps guided by the LP's postings (each worth W times its value), searched for 4 s each.
            foreach (var gw in guideWeights.Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)))
            {
                foreach (var lookW in new long[] { 75, 150, 300 })
                {
                    if (HandOverSweep.Plan(index, officers, sites, lookW, 150, lpPostings, gw) is not { } guided)
                    {
                        Console.WriteLine($"  guide {gw} look {lookW}: none");
                        continue;
                    }
                    var raw = RotationPlanner.ComponentObjective(index, guided, officers, sites);
                    var searchWatch = Stopwatch.StartNew();
                    ScheduleSearch.Improve(index, officers, sites, guided, () => searchWatch.Elapsed.TotalSeconds < 4, new Random(1), groups: true);
                    Console.WriteLine($"  guide {gw} look {lookW}: {raw} -> {RotationPlanner.ComponentObjective(index, guided, officers, sites)}");
                }
            }
        }
        if (cg.Dive is { } partial)
        {
            Console.WriteLine($"  dive fixed {partial.Count(d => d is not null)} of {officers.Length} at {watch.Elapsed.TotalSeconds:0.00} s, {cgRun.DiveBacktracks} backtracks");
            var tailEnd = watch.Elapsed + TimeSpan.FromSeconds(timeLimit / 3);
            var divePlan = RotationPlanner.CompleteDive(index, officers, sites, partial, cg.DiveStart!, () => tailEnd - watch.Elapsed,
                new PlannerOptions { Threads = threads, ExtraSolverParameters = Arg("--cpsat") ?? "", Trace = line => Console.WriteLine("  " + line) }, 0, CancellationToken.None);
            var diveObj = divePlan.Select((col, i) => Schedules.Cost(index, officers[i], col)).Sum();
            var cov = sites.Select(_ => new int[one.Periods]).ToArray();
            for (var i = 0; i < officers.Length; i++)
            {
                for (var t = 0; t < one.Periods; t++)
                {
                    if (!index.OnLeave[officers[i]][t] && Array.IndexOf(sites, divePlan[i][t]) is var j && j >= 0)
                    {
                        cov[j][t]++;
                    }
                }
            }
            for (var j = 0; j < sites.Length; j++)
            {
                for (var t = 0; t < one.Periods; t++)
                {
                    diveObj += one.Rules.Weights.Uncovered * Math.Max(0, one.Sites[sites[j]].RequiredOfficers - cov[j][t]);
                }
            }
            Console.WriteLine($"  dive: objective {diveObj} gap {(diveObj - cg.Bound) * 100.0 / Math.Max(1, diveObj):0.00}% at {watch.Elapsed.TotalSeconds:0.00} s");
        }
        var invalid = cg.Columns.Select((c, i) => c.Count(col => !Schedules.IsValid(index, officers[i], col))).Sum();
        Console.WriteLine($"{mission}: {officers.Length} officers, {sites.Length} sites: bound {cg.Bound} lp {cg.LpValue:0.0} iterations {cg.Iterations} converged {cg.Converged} inexact {cgRun.Inexact} lp {cgRun.LpSeconds:0.0}s price {cgRun.PriceSeconds:0.0}s columns {cg.Columns.Sum(c => c.Count)} invalid {invalid} {watch.Elapsed.TotalSeconds:0.00} s");
        if (Arg("--enumerate") is { } enumPlan)
        {
            var startPlan = ReadPostings(one, enumPlan);
            EnumerateExperiment.Run(index, officers, sites, cg.LpValue, cg.BoundPrices, [.. officers.Select(o => startPlan[o])],
                long.Parse(Arg("--cap") ?? "2000000", CultureInfo.InvariantCulture),
                Arg("--within") is { } within ? long.Parse(within, CultureInfo.InvariantCulture) : null, timeLimit, threads, Arg("--write"));
            continue;
        }
        if (args.Contains("--cuts"))
        {
            CutExperiment.Run(index, officers, sites, cg.Columns, int.Parse(Arg("--cut-rounds") ?? "20", CultureInfo.InvariantCulture), int.Parse(Arg("--cut-per-round") ?? "50", CultureInfo.InvariantCulture), args.Contains("--cut-five"));
            continue;
        }
        var master = new ScheduleModel(index, officers, sites, [.. cg.Columns.Select((c, i) => c.Append(hint[i]))]);
        watch.Restart();
        var (chosen, value) = master.Solve(hint, TimeSpan.FromSeconds(timeLimit), new PlannerOptions { Threads = threads, ExtraSolverParameters = Arg("--cpsat") ?? "" }, CancellationToken.None, cg.Bound);
        Console.WriteLine($"  integer master: {master.Columns} columns, objective {value} gap {(value - cg.Bound) * 100.0 / Math.Max(1, value):0.00}% in {watch.Elapsed.TotalSeconds:0.00} s");
    }
    return 0;
}

if (Arg("--bnp") is { } bnpFile)
{
    // Experiment: per mission, the root (subgradient, column generation, one dive completed as the planner does),
    // then branch and price for --time-limit seconds from the dive's plan, logging bound and incumbent.
    var one = ProblemReader.ReadFile(bnpFile).Problem ?? throw new InvalidOperationException("invalid problem");
    var index = new PlanningIndex(one);
    var (greedySites, _) = GreedyPlanner.Run(index);
    var rootTime = double.Parse(Arg("--root") ?? "20", CultureInfo.InvariantCulture);
    foreach (var mission in one.Officers.Select(o => o.Mission).Distinct())
    {
        int[] officers = [.. Enumerable.Range(0, one.Officers.Count).Where(o => one.Officers[o].Mission == mission)];
        int[] sites = [.. Enumerable.Range(0, one.Sites.Count).Where(s => one.Sites[s].Mission == mission)];
        var hint = officers.Select(o => greedySites[o]).ToArray();
        var watch = Stopwatch.StartNew();
        var lag = new LagrangianBound(index, officers, sites).Run(long.MaxValue / 8, TimeSpan.FromSeconds(rootTime / 4), 1000, null, CancellationToken.None, threads);
        var incumbent = hint;
        var incumbentValue = RotationPlanner.ComponentObjective(index, hint, officers, sites);
        var cgRun = new ColumnGeneration(index, officers, sites, false);
        var cg = cgRun.Run([.. hint.Select((h, i) => lag.Columns[i].Where(c => Schedules.IsValid(index, officers[i], c)).Append(h))], long.MaxValue,
            TimeSpan.FromSeconds(rootTime), threads, null, CancellationToken.None,
            new DiveSettings(TimeSpan.FromSeconds(rootTime / 2), incumbentValue, 14, TimeSpan.FromSeconds(rootTime / 4), (dive, start) =>
            {
                var tailEnd = watch.Elapsed + TimeSpan.FromSeconds(rootTime / 4);
                var plan = RotationPlanner.CompleteDive(index, officers, sites, dive, start, () => tailEnd - watch.Elapsed, new PlannerOptions { Threads = threads }, 0, CancellationToken.None);
                var value = RotationPlanner.ComponentObjective(index, plan, officers, sites);
                if (value < incumbentValue)
                {
                    (incumbent, incumbentValue) = (plan, value);
                }
            }));
        Console.WriteLine($"{mission}: {officers.Length} officers, root bound {cg.Bound} lp {cg.LpValue:0.0} converged {cg.Converged} columns {cg.Columns.Sum(c => c.Count)} dive plan {incumbentValue} at {watch.Elapsed.TotalSeconds:0.0} s");
        var tree = new BranchAndPrice(index, officers, sites)
        {
            Log = line => Console.WriteLine($"  {line} (total {watch.Elapsed.TotalSeconds:0.0} s)"),
            LogEvery = TimeSpan.FromSeconds(timeLimit >= 300 ? 15 : 5),
            PlungeIterations = int.Parse(Arg("--plunge-iterations") ?? "4", CultureInfo.InvariantCulture),
            CompleteEvery = int.Parse(Arg("--complete-every") ?? "15", CultureInfo.InvariantCulture),
            NodeLog = args.Contains("--nodes") ? line => Console.WriteLine("    " + line) : null,
            Complete = (partial, start) =>
            {
                var end = watch.Elapsed + TimeSpan.FromSeconds(3);
                return RotationPlanner.CompleteDive(index, officers, sites, partial, start, () => end - watch.Elapsed, new PlannerOptions { Threads = threads }, 0, CancellationToken.None);
            },
        };
        var result = tree.Run(cg.Columns, incumbent, incumbentValue, cg.Bound, TimeSpan.FromSeconds(timeLimit), threads, null, CancellationToken.None);
        Console.WriteLine($"{mission}: branch and price bound {result.Bound} objective {result.Objective} nodes {result.Nodes} open {result.Open} closed {result.Closed} price {tree.PriceSeconds:0.0}s lp {tree.LpSeconds:0.0}s ({tree.LpSolves} solves, {tree.LpIterations} simplex iterations) inexact {tree.Inexact} columns {tree.ColumnCount} total {watch.Elapsed.TotalSeconds:0.0} s");
    }
    return 0;
}

if (Arg("--search") is { } searchFile)
{
    // Experiment: per mission, the greedy plan improved by the schedule search alone (--groups: with pair and group
    // moves) for --time-limit seconds, printing the objective as it falls.
    var one = ProblemReader.ReadFile(searchFile).Problem ?? throw new InvalidOperationException("invalid problem");
    var index = new PlanningIndex(one);
    var (greedySites, _) = GreedyPlanner.Run(index);
    foreach (var mission in one.Officers.Select(o => o.Mission).Distinct())
    {
        int[] officers = [.. Enumerable.Range(0, one.Officers.Count).Where(o => one.Officers[o].Mission == mission)];
        int[] sites = [.. Enumerable.Range(0, one.Sites.Count).Where(s => one.Sites[s].Mission == mission)];
        // --start PLAN: from a plan file instead of greedy (e.g. the plan of the same problem without leave).
        var start = Arg("--start") is { } startFile ? ReadPostings(one, startFile) : null;
        var plan = officers.Select(o => (int[])(start?[o] ?? greedySites[o]).Clone()).ToArray();
        // --sweep: from the planner's hand-over start (HandOverSweep.Start) for --time-limit, printed, then the search
        // goes on from it; --look W [--credit C]: from one sweep with that charge (and credit for moving to a post about to open) instead, unsearched (greedy where none is found).
        if (args.Contains("--sweep") || Arg("--look") is not null)
        {
            var sweepWatch = Stopwatch.StartNew();
            var swept = Arg("--look") is { } look
                ? HandOverSweep.Plan(index, officers, sites, long.Parse(look, CultureInfo.InvariantCulture), long.Parse(Arg("--credit") ?? "150", CultureInfo.InvariantCulture))
                : HandOverSweep.Start(index, officers, sites, TimeSpan.FromSeconds(timeLimit), new Random(1), CancellationToken.None);
            plan = swept ?? plan;
            Console.WriteLine($"{mission}: sweep {(swept is null ? "none" : "")} in {sweepWatch.Elapsed.TotalMilliseconds:0} ms");
        }
        Console.WriteLine($"{mission}: start {RotationPlanner.ComponentObjective(index, plan, officers, sites)}");
        var watch = Stopwatch.StartNew();
        var random = new Random(1);
        var groups = args.Contains("--groups");
        var next = 0.0;
        while (watch.Elapsed.TotalSeconds < timeLimit)
        {
            next += 1;
            ScheduleSearch.Improve(index, officers, sites, plan, () => watch.Elapsed.TotalSeconds < Math.Min(next, timeLimit), random, groups: groups);
            Console.WriteLine($"{mission}: {RotationPlanner.ComponentObjective(index, plan, officers, sites)} at {watch.Elapsed.TotalSeconds:0.0} s");
            if (watch.Elapsed.TotalSeconds < next - 0.01)
            {
                break; // a local optimum
            }
        }
    }
    return 0;
}

if (Arg("--lagrangian") is { } lagFile)
{
    // Experiment: the Lagrangian bound per mission against the greedy plan.
    var one = ProblemReader.ReadFile(lagFile).Problem ?? throw new InvalidOperationException("invalid problem");
    var index = new PlanningIndex(one);
    var (greedySites, _) = GreedyPlanner.Run(index);
    foreach (var mission in one.Officers.Select(o => o.Mission).Distinct())
    {
        int[] officers = [.. Enumerable.Range(0, one.Officers.Count).Where(o => one.Officers[o].Mission == mission)];
        int[] sites = [.. Enumerable.Range(0, one.Sites.Count).Where(s => one.Sites[s].Mission == mission)];
        var sub = one with { Officers = [.. officers.Select(o => one.Officers[o])], Sites = [.. sites.Select(s => one.Sites[s])], Pinned = [] };
        var ub = PlanValidator.Validate(sub, GreedyPlanner.ToPostings(one, greedySites).Where(p => sub.OfficerIndex(p.OfficerId) >= 0)).Objective ?? 0;
        var zero = new LagrangianBound(index, officers, sites).Run(ub, TimeSpan.FromSeconds(timeLimit), 1, [.. sites.Select(_ => new long[one.Periods])], CancellationToken.None);
        Console.WriteLine($"{mission}: at zero prices {zero.Bound}");
        var watch = Stopwatch.StartNew();
        var lag = new LagrangianBound(index, officers, sites).Run(ub, TimeSpan.FromSeconds(timeLimit), 100000, null, CancellationToken.None);
        Console.WriteLine($"{mission}: greedy {ub} bound {lag.Bound} gap {(ub - lag.Bound) * 100.0 / Math.Max(1, ub):0.0}% iterations {lag.Iterations} {watch.Elapsed.TotalSeconds:0.00} s");
        var hint = officers.Select(o => greedySites[o]).ToArray();
        var master = new ScheduleModel(index, officers, sites, [.. lag.Columns.Select((c, i) => c.Append(hint[i]))]);
        watch.Restart();
        var (chosen, value) = master.Solve(hint, TimeSpan.FromSeconds(timeLimit), new PlannerOptions { Threads = threads, ExtraSolverParameters = Arg("--cpsat") ?? "" }, CancellationToken.None);
        Console.WriteLine($"  schedule model: {master.Columns} columns, objective {value} in {watch.Elapsed.TotalSeconds:0.00} s");
    }
    return 0;
}

var rows = new List<string[]>();
foreach (var spec in InstanceGenerator.Presets.Where(p => only is null || only.Contains(p.Name)))
{
    var json = InstanceGenerator.Generate(spec).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    var problemPath = Path.Combine(outDir, spec.Name + ".problem.json");
    File.WriteAllText(problemPath, json);
    var problem = ProblemReader.Read(json).Problem ?? throw new InvalidOperationException("generated an invalid problem");
    // No plan has fewer uncovered officer-periods: per mission and period, a matching of the officers available to the
    // postings over who may serve where (the planner's check before solving).
    var minimum = Checks.MinimumUncovered(new PlanningIndex(problem));
    if (generateOnly)
    {
        Console.WriteLine($"wrote {problemPath} (at least {minimum} uncovered officer-period(s))");
        continue;
    }

    var greedy = GreedyPlanner.Plan(problem);
    var greedyPath = Path.Combine(outDir, spec.Name + ".greedy.plan.json");
    File.WriteAllText(greedyPath, PlanJson.Write(greedy));
    var greedyValid = Validate(problemPath, greedyPath, greedy.Objective);

    var firstZeroUncovered = (double?)null;
    var firstWithin2 = (double?)null;
    var progress = new Progress(p =>
    {
        if (p.Objective < problem.Rules.Weights.Uncovered && firstZeroUncovered is null)
        {
            firstZeroUncovered = p.ElapsedSeconds;
        }
        if (p.Bound > 0 && p.Objective <= p.Bound * 1.02 && firstWithin2 is null)
        {
            firstWithin2 = p.ElapsedSeconds;
        }
    });
    GC.Collect();
    var plan = RotationPlanner.Plan(problem, new PlannerOptions
    {
        TimeLimit = TimeSpan.FromSeconds(timeLimit),
        Threads = threads,
        Progress = progress,
        ExtraSolverParameters = Arg("--cpsat") ?? "",
        ExactTravelUpTo = int.Parse(Arg("--exact-upto") ?? "40", CultureInfo.InvariantCulture),
        TravelNeighbours = int.Parse(Arg("--neighbours") ?? "20", CultureInfo.InvariantCulture),
        ComponentReport = componentReport,
        GeographicSplit = args.Contains("--split"),
        SplitOfficers = int.Parse(Arg("--split-officers") ?? "40", CultureInfo.InvariantCulture),
    });
    var planPath = Path.Combine(outDir, spec.Name + ".plan.json");
    File.WriteAllText(planPath, PlanJson.Write(plan));
    var planValid = Validate(problemPath, planPath, plan.Objective);
    var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);

    // The second baseline after the planner, so that the planner's peak memory above is its own.
    var single = withSingle ? RotationPlanner.PlanSingleModel(problem, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(timeLimit), Threads = threads }, CancellationToken.None) : null;
    var singlePath = Path.Combine(outDir, spec.Name + ".single.plan.json");
    if (single is not null)
    {
        File.WriteAllText(singlePath, PlanJson.Write(single));
    }
    var singleValid = single is null ? "-" : Validate(problemPath, singlePath, single.Objective);

    var gap = plan.Objective is { } o && plan.Bound is { } b && o > 0 ? (double)(o - b) / o : 0;
    var better = greedy.Objective is { } g && plan.Objective is { } o2 && g > 0 ? 1 - ((double)o2 / g) : double.NaN;
    rows.Add(
    [
        spec.Name,
        $"{problem.Officers.Count}×{problem.Sites.Count}×{problem.Periods}",
        Fmt(greedy.Objective), Uncovered(greedy), greedyValid,
        single is null ? "-" : Fmt(single.Objective), single is null ? "-" : Uncovered(single), single is null ? "-" : Fmt(single.Bound), singleValid,
        plan.Status.ToString().ToUpperInvariant(), Fmt(plan.Objective), Fmt(plan.Bound), (gap * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%",
        Uncovered(plan), minimum.ToString(CultureInfo.InvariantCulture), plan.SolveSeconds.ToString("0.0", CultureInfo.InvariantCulture),
        plan.Status == PlanStatus.Optimal ? plan.SolveSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "-",
        firstZeroUncovered is { } z ? z.ToString("0.0", CultureInfo.InvariantCulture) : "-",
        firstWithin2 is { } w ? w.ToString("0.0", CultureInfo.InvariantCulture) : "-",
        double.IsNaN(better) ? "-" : (better * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        planValid, peakMb.ToString(CultureInfo.InvariantCulture),
    ]);
    Console.WriteLine(string.Join(" | ", rows[^1]));
}

if (rows.Count > 0)
{
    string[] header = ["instance", "officers×sites×periods", "greedy obj", "greedy uncov", "greedy valid", "single obj", "single uncov", "single bound", "single valid", "status", "objective", "bound", "gap", "uncov", "min uncov", "time s", "optimal s", "0-uncov s", "≤2% s", "vs greedy", "valid", "peak MB"];
    var table = new StringBuilder();
    table.AppendLine("| " + string.Join(" | ", header) + " |");
    table.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
    foreach (var row in rows)
    {
        table.AppendLine("| " + string.Join(" | ", row) + " |");
    }
    Console.WriteLine();
    var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
    Console.WriteLine($"time limit {timeLimit} s, {threads} thread(s), {Environment.ProcessorCount} processor(s), load average at the end: {load}");
    Console.Write(table);
    File.WriteAllText(Path.Combine(outDir, "results.md"), $"time limit {timeLimit} s, {threads} thread(s), {Environment.ProcessorCount} processor(s), load average at the end: {load}\n\n" + table);
}
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static void PrintComponents(IReadOnlyList<ComponentSummary> components)
{
    var totalGap = Math.Max(1, components.Sum(c => c.Objective - c.Bound));
    Console.WriteLine("| component | officers×sites | objective | bound | gap | share of gap | time s | found by | at s | 1st given s | 1st took s | after 1st obj − bound | 2nd given s | 2nd took s |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    foreach (var c in components.OrderByDescending(c => c.Objective - c.Bound))
    {
        var gap = c.Objective > 0 ? (double)(c.Objective - c.Bound) / c.Objective : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {c.Name} | {c.Officers}×{c.Sites} | {c.Objective:N0} | {c.Bound:N0} | {gap * 100:0.0}% | {(c.Objective - c.Bound) * 100.0 / totalGap:0.0}% | {c.Seconds:0.0} | {c.FoundBy} | {c.FoundAt:0.0} | {c.Passes[0].Given:0.0} | {c.Passes[0].Seconds:0.0} | {c.Passes[0].Objective - c.Passes[0].Bound:N0} | {c.Passes[1].Given:0.0} | {c.Passes[1].Seconds:0.0} |"));
    }
}

// A plan file's postings as site indices per officer and period (a plan with one row per officer and period).
static int[][] ReadPostings(RotationProblem problem, string planFile)
{
    var sites = new int[problem.Officers.Count][];
    using var doc = JsonDocument.Parse(File.ReadAllText(planFile));
    foreach (var posting in doc.RootElement.GetProperty("postings").EnumerateArray())
    {
        var o = problem.OfficerIndex(posting.GetProperty("officer").GetString()!);
        (sites[o] ??= new int[problem.Periods])[posting.GetProperty("period").GetInt32()] = problem.SiteIndex(posting.GetProperty("site").GetString()!);
    }
    return sites;
}

static string Fmt(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

static string Uncovered(RotationPlan plan) => plan.Objective is null ? "-" : plan.Uncovered.Sum(u => u.Missing).ToString(CultureInfo.InvariantCulture);

string Validate(string problemPath, string planPath, long? objective)
{
    if (objective is null)
    {
        return "no plan";
    }
    if (validator is null)
    {
        return "not run";
    }
    var start = new ProcessStartInfo("python3", [validator, problemPath, planPath]) { RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        return "INVALID";
    }
    var recomputed = JsonDocument.Parse(output).RootElement.GetProperty("objective").GetInt64();
    return recomputed == objective ? "yes" : $"objective {recomputed}≠{objective}";
}

static string? FindValidator()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        var candidate = Path.Combine(dir.FullName, "shared", "tools", "rotation_validate.py");
        if (File.Exists(candidate))
        {
            return candidate;
        }
        candidate = Path.Combine(dir.FullName, "..", "shared", "tools", "rotation_validate.py");
        if (File.Exists(candidate))
        {
            return Path.GetFullPath(candidate);
        }
    }
    return null;
}

sealed class Progress(Action<PlanProgress> action) : IProgress<PlanProgress>
{
    public void Report(PlanProgress value) => action(value);
}
