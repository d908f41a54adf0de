using System.Diagnostics;
using Google.OrTools.Sat;

namespace Vigil.Planning;

/// <summary>
/// Plans rotations with CP-SAT. In order: checks without the solver (a contradiction is reported in words as an
/// infeasible plan; a site nobody may cover or too few officers become warnings, since both are only uncovered
/// cost); a greedy plan, whose failures are diagnosed officer by officer (the hard rules bind officers
/// separately, so that decides feasibility); then one CP-SAT model per mission (or one in all when
/// cross-mission moves are allowed), side by side in lanes (one per thread), each started from the greedy plan and
/// given a share of the time budget proportional to its size, time left over passing on. The plan's objective is
/// recomputed by <see cref="PlanValidator"/>; the bound is the sum of the missions' proven bounds.
/// </summary>
public static class RotationPlanner
{
    /// <summary>Plans a problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="options">Search options; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the search early; the best plan so far is returned.</param>
    public static RotationPlan Plan(RotationProblem problem, PlannerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        // The lookups count inside the time limit and in solveSeconds: for a problem with thousands of sites they are
        // not free (measured before the lazy distance table: 10,000 sites, one officer, 64 s and 1.6 GB before the
        // planner's clock started). They are not cancelled: a cancelled run still returns its best plan so far, greedy
        // at the least, and greedy needs them (with the lazy distance rows 10,000 sites take under a second).
        var clock = Stopwatch.StartNew();
        return Plan(new PlanningIndex(problem), options ?? new PlannerOptions(), cancellationToken, clock);
    }

    /// <summary>Plans with the lookups given (which may carry a previous plan and its stability weight).</summary>
    /// <param name="index">The lookups.</param>
    /// <param name="options">Search options.</param>
    /// <param name="cancellationToken">Stops the search early.</param>
    /// <param name="clock">Started when the planning started (before the lookups were built); null: now.</param>
    internal static RotationPlan Plan(PlanningIndex index, PlannerOptions options, CancellationToken cancellationToken, Stopwatch? clock = null)
    {
        var problem = index.Problem;
        clock ??= Stopwatch.StartNew();
        // The time limit itself, which no phase may pass: a phase's share may run over (a first iteration, a sweep
        // needed whole), but past this a component keeps the plan it has, and before any plan exists the result is
        // UNKNOWN. Before, on 500 officers with leave, the sweeps alone and one Lagrangian iteration took minutes
        // whatever --time-limit said, and 2,000 officers spent 23 s checking who the greedy plan had failed.
        var hardEnd = options.TimeLimit - TimeSpan.FromTicks(Math.Min(HardMargin.Ticks, options.TimeLimit.Ticks / 20));
        bool PastTheLimit() => clock.Elapsed >= hardEnd || cancellationToken.IsCancellationRequested;
        var (errors, warnings) = Checks.Run(index);
        if (errors.Count > 0)
        {
            return Infeasible(errors, warnings, clock);
        }

        // Greedy is the plan a cancelled run returns (Ctrl+C: "the best plan so far"), so only the time limit stops it.
        if (GreedyPlanner.Run(index, () => clock.Elapsed < hardEnd) is not { } first)
        {
            return OutOfTime("planning a first plan", warnings, clock, cancellationToken);
        }
        var (greedy, failed) = first;
        if (index.Previous is { } previous)
        {
            // Re-planning: an officer's previous schedule, where it still keeps the rules, is the better start.
            for (var o = 0; o < problem.Officers.Count; o++)
            {
                if (!previous[o].Contains(-1) && Schedules.IsValid(index, o, previous[o]))
                {
                    greedy[o] = (int[])previous[o].Clone();
                    failed[o] = false;
                }
            }
        }
        var hintable = new bool[problem.Officers.Count];
        var explanations = new List<string>();
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            hintable[o] = !failed[o] && GreedyIsValidFor(index, greedy, o);
            if (!hintable[o] && PastTheLimit())
            {
                // Whether this officer can be posted at all is not settled: no plan can be promised.
                return OutOfTime("checking that every officer can be posted", warnings, clock, cancellationToken);
            }
            if (!hintable[o] && OfficerDiagnosis.Explain(index, o, hardEnd - clock.Elapsed, cancellationToken) is { } why)
            {
                explanations.Add(why);
            }
        }
        if (explanations.Count > 0)
        {
            return Infeasible(explanations, warnings, clock);
        }

        var components = Components(index, options);
        var sitesCovered = components.SelectMany(c => c.Sites).ToHashSet();
        var constant = Enumerable.Range(0, problem.Sites.Count).Where(s => !sitesCovered.Contains(s))
            .Sum(s => problem.Rules.Weights.Uncovered * Math.Max(0, problem.Sites[s].RequiredOfficers) * problem.Periods);

        var solution = new int[problem.Officers.Count][];
        var componentBest = new long[components.Count];
        var componentBound = new long[components.Count];
        for (var c = 0; c < components.Count; c++)
        {
            componentBest[c] = components[c].Officers.All(o => hintable[o]) ? ComponentObjective(index, [.. components[c].Officers.Select(o => greedy[o])], components[c]) : 0;
        }
        var ledger = new ComponentLedger(options, clock, constant, componentBest, componentBound);
        // The sweeps are needed whole and may run past their share, up to SweepOverrun times it (never past the limit):
        // a sweep takes 0.05 s on a 40-officer mission but 0.9 s on 100 officers and 100 sites, where six of them had
        // taken the whole budget of 5 s and left no time for the bound.
        TimeSpan SweepEnd(TimeSpan now, TimeSpan share) => TimeSpan.FromTicks(Math.Min(hardEnd.Ticks, (now + (share * SweepOverrun)).Ticks));
        // Small components keep their generated schedules for branch and price in the second pass.
        var smallColumns = new List<int[]>[]?[components.Count];
        var allSolved = true;
        // With several components, a share of the time is kept for a second pass where the gaps are (see below).
        var firstPass = components.Count > 1 ? options.TimeLimit * (1 - SecondPassShare) : options.TimeLimit;
        var order = Enumerable.Range(0, components.Count).OrderByDescending(c => components[c].Solver.Size).ToList();
        // Components are planned in lanes side by side, one per core: most phases use one core (the LPs, the
        // searches), so one component after another left half of a 2-core machine idle (measured at UN 300 s:
        // 123 % CPU). Each lane takes the next component, largest first, when it is free (see LaneSchedule).
        InLanes(order, c => components[c].Solver.Size, firstPass - TimeSpan.FromSeconds(0.2), options, clock, FirstPass);

        void FirstPass(int c, TimeSpan budget, bool last, PlannerOptions options)
        {
            ledger.Give(c, budget);
            var component = components[c];
            var deadline = clock.Elapsed + budget;
            var started = clock.Elapsed;
            var hint = component.Officers.Select(o => hintable[o] ? greedy[o] : null).ToArray();
            // A phase's share, cut at the component's deadline so that the time limit holds.
            TimeSpan Until(TimeSpan share) => TimeSpan.FromTicks(Math.Max(0, Math.Min(share.Ticks, (deadline - clock.Elapsed).Ticks)));
            var solving = $"solving {component.Name} ({order.IndexOf(c) + 1}/{order.Count})";
            var stage = solving;
            void Report(long objective, long bound)
            {
                componentBest[c] = objective;
                componentBound[c] = bound;
                ledger.Publish(c, stage);
            }
            var current = component.Officers.All(o => hintable[o]) ? component.Officers.Select(o => greedy[o]).ToArray() : null;
            // Cancelled (Ctrl+C, a stopped run) or past the time limit: the component keeps the plan it has (greedy when
            // not yet started). Each one had still run its phases to their ends (measured: UN cancelled at 6 s returned
            // at 47.8 s), and a large one's phases could each pass the limit by seconds.
            bool Stopped()
            {
                if (current is null || !PastTheLimit())
                {
                    return false;
                }
                for (var i = 0; i < component.Officers.Length; i++)
                {
                    solution[component.Officers[i]] = current[i];
                }
                componentBest[c] = ComponentObjective(index, current, component);
                ledger.Publish(c, stage);
                ledger.Spend(c, clock.Elapsed - started);
                return true;
            }
            if (Stopped())
            {
                return;
            }
            // With a stability cost the search minimises another objective than the plan's: the spec's bound then
            // comes from the Lagrangian relaxation without stability, column generation only supplies schedules.
            var stable = index.StabilityWeight > 0 && index.Previous is not null;
            int[][]? swept = null;
            if (current is not null && !stable && options.HandOverSweep && component.Officers.Length >= MinSweepOfficers
                && component.Officers.Any(o => problem.Officers[o].UnavailablePeriods.Count > 0) && HandOverSweep.Affordable(index, component.Officers, component.Sites))
            {
                // Hand-overs on leave (HandOverSweep): sweeps with a few charges for short stays, each searched
                // briefly, the best searched on. It replaces greedy as the start when better, so every phase after it
                // has a better cutoff, and its schedules join the integer master's pool.
                stage = solving + ": hand-over sweep";
                var sweepEnd = SweepEnd(clock.Elapsed, Until(budget * SweepShare));
                swept = HandOverSweep.Start(index, component.Officers, component.Sites, Until(budget * SweepShare), new Random(options.RandomSeed + c), cancellationToken,
                    proceed: () => clock.Elapsed < sweepEnd);
                if (swept is not null)
                {
                    var value = ComponentObjective(index, swept, component);
                    options.Trace?.Invoke($"hand-over sweep: {value} at {clock.Elapsed.TotalSeconds:0.0} s (greedy {componentBest[c]})");
                    if (value < componentBest[c])
                    {
                        current = [.. swept.Select(p => (int[])p.Clone())];
                        componentBest[c] = value;
                        ledger.Publish(c, stage);
                    }
                }
                budget = deadline - clock.Elapsed;
            }
            if (Stopped())
            {
                return;
            }
            if (current is not null && component.Officers.Length > BranchOfficers && budget < ShortBudget)
            {
                // Large components on a short budget first search from the greedy plan with single, pair and group
                // moves: measured on a 67-officer mission (10 s), the dive took 7.6 s to reach 162k from greedy's
                // 275k, this search 147k in 2 s, and the dive after it 134k. With 40–70 s (UN at 300 s) the dive
                // alone did as well or better (89 officers: 182k without, 190k with). The other phases share the rest.
                stage = solving + ": first search";
                var firstEnd = clock.Elapsed + (budget * FirstSearchShare);
                current = [.. current.Select(s => (int[])s.Clone())];
                if (ScheduleSearch.Improve(index, component.Officers, component.Sites, current, () => clock.Elapsed < firstEnd && !cancellationToken.IsCancellationRequested,
                    new Random(options.RandomSeed + c), groups: true))
                {
                    componentBest[c] = ComponentObjective(index, current, component);
                    ledger.Publish(c, stage);
                }
                budget = deadline - clock.Elapsed;
            }
            if (Stopped())
            {
                return;
            }
            var initial = new IEnumerable<int[]>[component.Officers.Length];
            for (var i = 0; i < initial.Length; i++)
            {
                initial[i] = current is null ? [] : [current[i]];
            }
            // A fast subgradient bound first; its schedules that keep every rule seed column generation.
            var relaxation = new LagrangianBound(index, component.Officers, component.Sites)
                .Run(current is null ? long.MaxValue / 8 : componentBest[c], budget * LagrangianShare, LagrangianIterations, null, cancellationToken, options.Threads,
                    () => clock.Elapsed < hardEnd);
            var relaxBound = relaxation.Bound;
            componentBound[c] = relaxBound;
            if (Stopped())
            {
                return;
            }
            for (var i = 0; i < initial.Length; i++)
            {
                var o = component.Officers[i];
                initial[i] = initial[i].Concat(relaxation.Columns[i].Where(col => Schedules.IsValid(index, o, col)));
            }
            // Every completed dive's schedules join the integer master's pool (dives differ where the LP was fractional).
            var divePlans = new List<int[][]>();
            if (swept is not null)
            {
                divePlans.Add(swept);
            }
            // A completed plan (a dive's, the split's) joins the pool and replaces the current plan when better.
            void Offer(int[][] plan, string what)
            {
                divePlans.Add(plan);
                var value = ComponentObjective(index, plan, component);
                options.Trace?.Invoke($"{what}: {value} at {clock.Elapsed.TotalSeconds:0.0} s (best {componentBest[c]})");
                if (value < componentBest[c])
                {
                    current = plan;
                    componentBest[c] = value;
                    ledger.Publish(c, stage);
                }
            }
            // Branch and price where a mission-sized component gets the time for it: it takes most of diving's share.
            var branching = !stable && current is not null && options.BranchAndPrice && component.Officers.Length > CompactOfficers
                && component.Officers.Length <= BranchOfficers && budget * BranchShare >= MinBranchTime;
            // A large component with leave also starts from its plan without leave (LeaveFreeStart), in part of diving's share.
            // Not after the hand-over sweep: from it, the leave-free start's plans were never the better (mission-60 at
            // 60 s: 164,050 and 173,645 against the sweeps' 133,803 and 128,527).
            var leaveFree = !stable && swept is null && current is not null && options.LeaveFreeStart && component.Officers.Length > BranchOfficers
                && budget >= options.LeaveFreeMinBudget && component.Officers.Any(o => problem.Officers[o].UnavailablePeriods.Count > 0);
            // With the option on, components above mission size with the time for it are split geographically
            // instead of diving whole (off by default: measured no better, see GeographicSplit).
            var clusters = GeographicSplit.ClusterCount(component.Officers.Length, options.SplitOfficers);
            var splitting = !stable && current is not null && options.GeographicSplit && !problem.Rules.CrossMissionMoves
                && component.Officers.Length > BranchOfficers && clusters > 1 && budget >= MinSplitBudget;
            // After the hand-over sweep a dive was never the better plan (UN's seven largest missions at 200 s: all seven
            // dives 5–24 % above the sweep's plan, each taking a third of its mission's budget). Their time goes to the
            // LP instead, so that it converges and the guided sweep has its postings to follow, and to that sweep. The
            // geographic split keeps diving's share (it runs instead of the dives).
            var diving = swept is null || branching || splitting;
            var diveShare = !diving ? 0
                : (branching ? DiveShare - BranchShare : leaveFree ? DiveShare - LeaveFreeShare - LeaveFreeRepairShare : DiveShare)
                    - (swept is not null ? SweepShare : 0);
            var generationShare = diving ? GenerationShare : GenerationShare + SweptGenerationShare;
            var guidedShare = diving ? SweepShare : SweepShare + SweptGuidedShare;
            // Column generation: the schedule formulation's LP bound (exact pricing), then diving from its LP for
            // a plan that follows it; every column either generates feeds the integer master.
            var generation = new ColumnGeneration(index, component.Officers, component.Sites, stable).Run(
                initial, current is null ? long.MaxValue : componentBest[c], budget * generationShare, options.Threads,
                bound =>
                {
                    if (!stable && bound > componentBound[c])
                    {
                        componentBound[c] = bound;
                        ledger.Publish(c, stage);
                    }
                },
                cancellationToken,
                current is null || splitting || !diving ? null : new DiveSettings(budget * diveShare, componentBest[c], DiveTail, budget * TailShare, (dive, diveStart) =>
                {
                    stage = solving + ": diving";
                    var tailEnd = clock.Elapsed + Until(budget * TailShare);
                    Offer(CompleteDive(index, component, dive, diveStart, () => tailEnd - clock.Elapsed, options, c, cancellationToken), "dive completed");
                }, () => Until(budget * diveShare)));
            var lagrangian = stable ? relaxBound : Math.Max(relaxBound, generation.Bound);
            if (!stable && component.Officers.Length <= CompactOfficers)
            {
                smallColumns[c] = generation.Columns;
            }
            componentBound[c] = lagrangian;
            ledger.Publish(c, stage);
            if (Stopped())
            {
                return;
            }
            if (swept is not null && generation.LpPostings is { } lpPostings && componentBest[c] > lagrangian)
            {
                // The sweep again, now following the LP's postings (a rounding of the LP that keeps its hand-overs):
                // measured on mission-60 with the LP converged, 124,905 after 4 s of search against 133,846 unguided.
                stage = solving + ": guided sweep";
                var guidedEnd = SweepEnd(clock.Elapsed, Until(budget * guidedShare));
                if (HandOverSweep.Start(index, component.Officers, component.Sites, Until(budget * guidedShare), new Random(options.RandomSeed + c + 3),
                    cancellationToken, lpPostings, () => clock.Elapsed < guidedEnd) is { } guided)
                {
                    Offer(guided, "guided sweep");
                }
            }
            if (leaveFree && componentBest[c] > lagrangian
                && LeaveFreeStart(index, component.Officers, component.Sites, Until(budget * LeaveFreeShare), budget * LeaveFreeRepairShare,
                    deadline - clock.Elapsed, options, c, cancellationToken) is { } repaired)
            {
                stage = solving + ": leave-free start";
                Offer(repaired, "leave-free start");
            }
            if (splitting && componentBest[c] > lagrangian)
            {
                // Each cluster is planned as a mission of its own (dives, branch and price, the integer master), the
                // joined plan kept when better; the phases after it (the integer master over the whole pool, the
                // searches with pair and group moves) work on the whole component and move officers across clusters.
                stage = solving + ": geographic split";
                var splitTime = deadline - clock.Elapsed - (budget * (ScheduleShare + SearchShare + NeighbourhoodShare));
                if (GeographicSplit.Plan(index, component.Officers, component.Sites, clusters, splitTime, options, cancellationToken) is { } joined)
                {
                    Offer(joined, $"geographic split ({clusters} clusters)");
                }
            }
            if (branching && componentBest[c] > lagrangian)
            {
                stage = solving + ": branch and price";
                var treeEnd = clock.Elapsed + Until(budget * BranchShare);
                var tree = Tree(index, component, () => clock.Elapsed + TimeSpan.FromTicks(Math.Min((budget * TailShare).Ticks, (treeEnd - clock.Elapsed).Ticks)),
                    divePlans.Add, clock, options, c, cancellationToken);
                var treeResult = tree.Run(generation.Columns, current, componentBest[c], lagrangian, treeEnd - clock.Elapsed, options.Threads, (objective, bound) =>
                {
                    componentBest[c] = objective;
                    componentBound[c] = Math.Max(componentBound[c], bound);
                    ledger.Publish(c, stage);
                }, cancellationToken);
                if (treeResult.Plan is { } treePlan)
                {
                    current = treePlan;
                }
                componentBest[c] = ComponentObjective(index, current!, component);
                ledger.Publish(c, stage);
                lagrangian = Math.Max(lagrangian, treeResult.Bound);
                componentBound[c] = lagrangian;
                options.Trace?.Invoke($"branch and price: {treeResult.Nodes} nodes, {treeResult.Open} open, objective {treeResult.Objective}, bound {treeResult.Bound} at {clock.Elapsed.TotalSeconds:0.0} s");
            }

            // The integer master over the generated schedules that keep every rule, every completed dive's and the
            // current plan's with its near variants (so it can only improve, and can recombine dives), stopped as
            // soon as it reaches the bound. Measured on mission (40×25×24): with the dives' and neighbours' schedules
            // it went 169,839 → 168,892–168,986 in 6–21 s; 169,839 → 169,497 without them. SCIP through
            // LinearSolver (in the package) on the same pool stayed at the root node for 24 s and never improved on
            // the hint; on mission-60 it did not finish the root LP.
            if (Stopped())
            {
                return;
            }
            var proven = current is not null && componentBest[c] <= lagrangian;
            if (!proven && (current is null || component.Officers.Length <= CompactOfficers || Until(budget * ScheduleShare) >= MinMasterTime))
            {
                stage = solving + ": schedule model";
                var columns = new IEnumerable<int[]>[component.Officers.Length];
                for (var i = 0; i < columns.Length; i++)
                {
                    int[][] own = [.. divePlans.Select(p => p[i])];
                    columns[i] = current is null ? generation.Columns[i].Concat(own)
                        : generation.Columns[i].Append(current[i]).Concat(own).Concat([.. Schedules.Neighbours(index, component.Officers[i], current[i])]);
                }
                var master = new ScheduleModel(index, component.Officers, component.Sites, columns);
                var (masterSites, _) = master.Solve(current, Until(budget * ScheduleShare), options, cancellationToken, stable ? long.MinValue : lagrangian);
                options.Trace?.Invoke($"integer master: {master.Columns} columns, objective {(masterSites is null ? "-" : ComponentObjective(index, masterSites, component))} at {clock.Elapsed.TotalSeconds:0.0} s");
                if (masterSites is not null && (current is null || ComponentObjective(index, masterSites, component) < ComponentObjective(index, current, component)))
                {
                    current = masterSites;
                    componentBest[c] = ComponentObjective(index, current, component);
                    ledger.Publish(c, stage);
                }
                proven = current is not null && componentBest[c] <= lagrangian;
            }
            if (proven)
            {
                for (var i = 0; i < component.Officers.Length; i++)
                {
                    solution[component.Officers[i]] = current![i];
                }
                ledger.Publish(c, stage);
                ledger.Spend(c, clock.Elapsed - started);
                return; // proven optimal: the time left passes to the next components
            }
            if (current is not null)
            {
                stage = solving + ": schedule search";
                var searchEnd = clock.Elapsed + Until(budget * SearchShare);
                var random = new Random(options.RandomSeed + c);
                if (ScheduleSearch.Improve(index, component.Officers, component.Sites, current, () => clock.Elapsed < searchEnd && !cancellationToken.IsCancellationRequested, random, groups: true))
                {
                    componentBest[c] = ComponentObjective(index, current, component);
                    ledger.Publish(c, stage);
                }
            }
            if (current is not null && component.Officers.Length > NeighbourhoodOfficers)
            {
                // Large-neighbourhood search: a share of the budget re-plans a few officers at a time.
                stage = solving + ": neighbourhood search";
                var lnsEnd = clock.Elapsed + Until(budget * NeighbourhoodShare);
                current = Improve(index, component, current, () => lnsEnd - clock.Elapsed, options, c, objective =>
                {
                    componentBest[c] = objective;
                    ledger.Publish(c, stage);
                }, cancellationToken);
            }
            if (Stopped())
            {
                return;
            }
            int[][]? chosen = null;
            stage = solving + ": final search";
            if (current is null || component.Officers.Length <= CompactOfficers)
            {
                // The compact model: it proves small components optimal; on large ones it costs seconds to build
                // and its bound is weaker than the relaxation's, so they spend the time on search instead.
                if (current is not null && CoverFirst(index, component, current, componentBest[c] - componentBound[c], (deadline - clock.Elapsed) * 0.5, cancellationToken) is { } covering)
                {
                    current = covering;
                }
                // Alone (no second pass follows), a small component gets the second pass's branch and price here, before
                // the compact model: measured on an 8-site, 12-officer slice of mission-60 at 60 s, the compact model
                // had spent its last 43 s without improving the plan (13,245 against a bound of 12,477).
                if (current is not null && components.Count == 1 && options.BranchAndPrice && smallColumns[c] is { } columns
                    && ComponentObjective(index, current, component) is var value && value > componentBound[c])
                {
                    componentBest[c] = value;
                    current = BranchSmall(index, component, c, columns, current, ledger, stage, "alone",
                        clock.Elapsed + ((deadline - clock.Elapsed) * SmallBranchTreeShare), clock, options, cancellationToken);
                    lagrangian = Math.Max(lagrangian, componentBound[c]);
                }
                var result = component.Solver.Solve(deadline - clock.Elapsed, current ?? hint, (objective, bound) => Report(objective, stable ? lagrangian : Math.Max(bound, lagrangian)), cancellationToken);
                // With a stability cost the model's bound is on another objective; only the relaxation's counts then.
                componentBound[c] = stable ? lagrangian : Math.Max(result.Bound, lagrangian);
                chosen = result.Sites;
            }
            else if (ScheduleSearch.Improve(index, component.Officers, component.Sites, current,
                () => clock.Elapsed < deadline && !cancellationToken.IsCancellationRequested, new Random(options.RandomSeed + c + 1), groups: true))
            {
                componentBest[c] = ComponentObjective(index, current, component);
                ledger.Publish(c, stage);
            }
            if (last && chosen is null && current is not null && component.Officers.Length > NeighbourhoodOfficers
                && componentBest[c] > componentBound[c] && deadline - clock.Elapsed > TimeSpan.FromSeconds(1))
            {
                // The schedule search stops at a local optimum, often well before the deadline (measured: a
                // 40-officer mission alone stopped at 32 s of 60): on the last component to start, neighbourhood search uses
                // the rest. Earlier components pass their time on instead (measured on UN at 300 s: using it
                // there left 17 uncovered site-periods instead of 14).
                current = Improve(index, component, current, () => deadline - clock.Elapsed, options, c + 2, objective =>
                {
                    componentBest[c] = objective;
                    ledger.Publish(c, stage);
                }, cancellationToken);
            }
            if (chosen is not null && current is not null
                && ComponentObjective(index, current, component) < ComponentObjective(index, chosen, component))
            {
                chosen = current; // the model's travel was a relaxation and misjudged
            }
            chosen ??= current;
            if (chosen is not null)
            {
                for (var i = 0; i < component.Officers.Length; i++)
                {
                    solution[component.Officers[i]] = chosen[i];
                }
                componentBest[c] = ComponentObjective(index, chosen, component);
            }
            else
            {
                allSolved = false;
            }
            ledger.Publish(c, stage);
            ledger.Spend(c, clock.Elapsed - started);
        }

        if (allSolved && components.Count > 1)
        {
            ledger.EndFirstPass();
            SecondPass(index, components, solution, ledger, smallColumns, options, clock, cancellationToken);
        }
        options.ComponentReport?.Invoke(ledger.Summaries([.. components.Select(k => (k.Name, k.Officers.Length, k.Sites.Length))]));
        if (!allSolved)
        {
            return new RotationPlan(PlanStatus.Unknown, null, null, null, [], [], [], warnings, clock.Elapsed.TotalSeconds);
        }
        var postings = GreedyPlanner.ToPostings(problem, solution);
        var check = PlanValidator.Validate(problem, postings);
        if (!check.IsValid)
        {
            throw new InvalidOperationException("The planner produced an invalid plan: " + string.Join("; ", check.Violations));
        }
        var objective = check.Objective!.Value;
        var boundTotal = Math.Min(objective, constant + componentBound.Sum());
        return new RotationPlan(boundTotal == objective ? PlanStatus.Optimal : PlanStatus.Feasible, objective, boundTotal,
            check.Breakdown!, postings, check.Uncovered, [], warnings, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The benchmark's second baseline: one undecomposed compact CP-SAT model of the whole problem, hinted with the
    /// greedy plan, for the whole time limit; no relaxation, no schedule model, no neighbourhood search.
    /// </summary>
    internal static RotationPlan PlanSingleModel(RotationProblem problem, PlannerOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var index = new PlanningIndex(problem);
        var (greedy, failed) = GreedyPlanner.Run(index);
        int[] officers = [.. Enumerable.Range(0, problem.Officers.Count)];
        int[] sites = [.. Enumerable.Range(0, problem.Sites.Count)];
        var solver = new ComponentSolver(index, officers, sites, options);
        var hint = officers.Select(o => failed[o] ? null : greedy[o]).ToArray();
        var result = solver.Solve(options.TimeLimit - clock.Elapsed, hint, null, cancellationToken);
        if (result.Sites is not { } chosen)
        {
            return new RotationPlan(PlanStatus.Unknown, null, null, null, [], [], [], [], clock.Elapsed.TotalSeconds);
        }
        var postings = GreedyPlanner.ToPostings(problem, chosen);
        var check = PlanValidator.Validate(problem, postings);
        var bound = Math.Min(check.Objective ?? 0, result.Bound);
        return new RotationPlan(bound == check.Objective ? PlanStatus.Optimal : PlanStatus.Feasible, check.Objective, bound, check.Breakdown,
            postings, check.Uncovered, [], [.. check.Violations], clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The second pass: the time left is shared by the components' remaining gaps (objective − bound), not their
    /// sizes. Measured on UN scale: the smallest missions (5 sites, 8 officers) got 0.1 s by size and ended with
    /// 3 uncovered site-periods (300,000) that the compact model removes in seconds; the large missions' gaps are
    /// tens of thousands.
    /// Small components come first, each with at least the smaller of <see cref="SmallBranchTime"/> and
    /// <see cref="SmallBranchShare"/> of what is left, for branch and price over their first-pass schedules before the
    /// compact model: measured on UN's small missions alone, branch and price proved UNTSO's plan optimal in 3.6 s
    /// (the compact model's bound was 18 % below it) and found UNMIK 12,753 in 10 s and UNMOGIP 15,960 in 6 s, where
    /// the compact model had left 24,834 and 18,034.
    /// </summary>
    private static void SecondPass(PlanningIndex index, List<Component> components, int[][] solution, ComponentLedger ledger,
        List<int[]>[]?[] smallColumns, PlannerOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        var componentBest = ledger.Best;
        var componentBound = ledger.Bound;
        var stable = index.StabilityWeight > 0 && index.Previous is not null;
        var open = Enumerable.Range(0, components.Count).Where(c => componentBest[c] > componentBound[c])
            .OrderByDescending(c => smallColumns[c] is not null && options.BranchAndPrice)
            .ThenByDescending(c => componentBest[c] - componentBound[c]).ToList();
        // Side by side in lanes as in the first pass, the time shared by gaps (as they are now: a component's does not
        // change before it starts), small components with branch and price given their least time.
        long[] gaps = [.. Enumerable.Range(0, components.Count).Select(c => componentBest[c] - componentBound[c])];
        var end = options.TimeLimit - TimeSpan.FromSeconds(0.2);
        InLanes(open, c => gaps[c], end, options, clock, Lane,
            (c, own) => options.BranchAndPrice && smallColumns[c] is not null ? TimeSpan.FromTicks(Math.Min(SmallBranchTime.Ticks, (own * SmallBranchShare).Ticks)) : TimeSpan.Zero);

        void Lane(int c, TimeSpan budget, bool last, PlannerOptions options)
        {
            if (end - clock.Elapsed <= TimeSpan.FromSeconds(0.1) || cancellationToken.IsCancellationRequested)
            {
                return; // out of time: the components left return at once
            }
            ledger.Give(c, budget);
            var columns = options.BranchAndPrice ? smallColumns[c] : null;
            var component = components[c];
            var stage = $"second pass: {component.Name}";
            var current = component.Officers.Select(o => solution[o]).ToArray();
            var deadline = clock.Elapsed + budget;
            var started = clock.Elapsed;
            if (component.Officers.Length <= CompactOfficers)
            {
                if (CoverFirst(index, component, current, componentBest[c] - componentBound[c], budget * 0.5, cancellationToken) is { } covering)
                {
                    current = covering;
                    componentBest[c] = ComponentObjective(index, current, component);
                }
                var proven = false;
                if (columns is not null)
                {
                    current = BranchSmall(index, component, c, columns, current, ledger, stage, "second pass", clock.Elapsed + ((deadline - clock.Elapsed) * SmallBranchTreeShare),
                        clock, options, cancellationToken);
                    proven = componentBest[c] <= componentBound[c];
                }
                if (!proven)
                {
                    var result = component.Solver.Solve(deadline - clock.Elapsed, current, null, cancellationToken);
                    if (!stable)
                    {
                        componentBound[c] = Math.Max(componentBound[c], result.Bound);
                    }
                    if (result.Sites is { } sites && ComponentObjective(index, sites, component) < ComponentObjective(index, current, component))
                    {
                        current = sites;
                    }
                }
            }
            else
            {
                // The schedule search with group moves first (measured at UN 300 s: the compact-model neighbourhoods
                // took 1–2 s each on these components and improved 2 of 29), the neighbourhoods with what is left.
                if (ScheduleSearch.Improve(index, component.Officers, component.Sites, current, () => clock.Elapsed < deadline && !cancellationToken.IsCancellationRequested,
                    new Random(options.RandomSeed + c + 4), groups: true))
                {
                    componentBest[c] = ComponentObjective(index, current, component);
                    ledger.Publish(c, stage);
                }
                current = Improve(index, component, current, () => deadline - clock.Elapsed, options, c + 3, objective =>
                {
                    componentBest[c] = objective;
                    ledger.Publish(c, stage);
                }, cancellationToken);
            }
            for (var i = 0; i < component.Officers.Length; i++)
            {
                solution[component.Officers[i]] = current[i];
            }
            componentBest[c] = ComponentObjective(index, current, component);
            ledger.Publish(c, stage);
            ledger.Spend(c, clock.Elapsed - started);
        }
    }

    /// <summary>
    /// Branch and price on a small component over its column generation's schedules until <paramref name="treeEnd"/>,
    /// from <paramref name="current"/>; returns the better plan and leaves its objective and the tree's bound in the ledger.
    /// </summary>
    private static int[][] BranchSmall(PlanningIndex index, Component component, int c, List<int[]>[] columns, int[][] current, ComponentLedger ledger,
        string stage, string pass, TimeSpan treeEnd, Stopwatch clock, PlannerOptions options, CancellationToken cancellationToken)
    {
        var componentBest = ledger.Best;
        var componentBound = ledger.Bound;
        // Each plunge's completion gets a share of the tree's time, as a large component's do. Half of what was left
        // (before) let the first completions take most of it (a 14-officer slice at 120 s: four completions took
        // about 60 s of the tree's 79, which then explored 168 nodes).
        var tail = (treeEnd - clock.Elapsed) * TailShare;
        var tree = Tree(index, component, () => clock.Elapsed + TimeSpan.FromTicks(Math.Min(tail.Ticks, ((treeEnd - clock.Elapsed) * 0.5).Ticks)),
            null, clock, options, c, cancellationToken);
        var treeResult = tree.Run(columns, current, componentBest[c], componentBound[c], treeEnd - clock.Elapsed, options.Threads, (objective, bound) =>
        {
            componentBest[c] = objective;
            componentBound[c] = Math.Max(componentBound[c], bound);
            ledger.Publish(c, stage);
        }, cancellationToken);
        if (treeResult.Plan is { } treePlan && ComponentObjective(index, treePlan, component) < ComponentObjective(index, current, component))
        {
            current = treePlan;
        }
        componentBest[c] = ComponentObjective(index, current, component);
        componentBound[c] = Math.Max(componentBound[c], treeResult.Bound);
        options.Trace?.Invoke($"{pass}, branch and price: {component.Name} {treeResult.Nodes} nodes, objective {componentBest[c]}, bound {componentBound[c]} at {clock.Elapsed.TotalSeconds:0.0} s");
        return current;
    }

    /// <summary>
    /// Branch and price on a component, its plunges completed as dives are (the compact model on the fractional
    /// officers), each by the deadline <paramref name="plungeEnd"/> gives when it starts; <paramref name="completed"/>
    /// receives every completed plan.
    /// </summary>
    private static BranchAndPrice Tree(PlanningIndex index, Component component, Func<TimeSpan> plungeEnd, Action<int[][]>? completed,
        Stopwatch clock, PlannerOptions options, int salt, CancellationToken cancellationToken) =>
        new(index, component.Officers, component.Sites)
        {
            Complete = (partial, start) =>
            {
                var end = plungeEnd();
                var plan = CompleteDive(index, component, partial, start, () => end - clock.Elapsed, options, salt, cancellationToken);
                completed?.Invoke(plan);
                return plan;
            },
            Log = options.Trace,
        };

    /// <summary>
    /// A start for a large component with leave: the same officers and sites planned as if nobody took leave (a
    /// recursive planner run on that problem, <paramref name="planTime"/>), then repaired by the schedule search with
    /// pair and group moves against the real leave for <paramref name="repairTime"/> after it, never past
    /// <paramref name="latest"/>. The repair gets its time even when the run overran its own (a CP-SAT tail on a
    /// loaded machine): unrepaired, the plan leaves every leave period uncovered (measured in a Debug test run beside
    /// the other test assemblies: 4,253,840 against greedy's 113,933). Without leave the
    /// planner ends next to its bound (mission-60: 94,018 against 93,318 at 60 s), and its stays and hand-overs
    /// keep their shape when the search covers the leave; from greedy the same search stalls far higher (mission-60:
    /// 149,373 against 180,832). Null when that run gives no plan or time runs out.
    /// </summary>
    internal static int[][]? LeaveFreeStart(PlanningIndex index, int[] officers, int[] sites, TimeSpan planTime, TimeSpan repairTime,
        TimeSpan latest, PlannerOptions options, int salt, CancellationToken cancellationToken)
    {
        var problem = index.Problem;
        var clock = Stopwatch.StartNew();
        var sub = GeographicSplit.SubProblem(problem, officers, sites);
        sub = sub with { Officers = [.. sub.Officers.Select(o => o with { UnavailablePeriods = new HashSet<int>() })] };
        var plan = Plan(sub, options with { TimeLimit = planTime, Progress = null, ComponentReport = null, LeaveFreeStart = false }, cancellationToken);
        options.Trace?.Invoke($"leave-free plan: {plan.Status} objective {plan.Objective} bound {plan.Bound} in {plan.SolveSeconds:0.0} s");
        var repairEnd = TimeSpan.FromTicks(Math.Min(latest.Ticks, (clock.Elapsed + repairTime).Ticks));
        if (plan.Postings.Count == 0 || cancellationToken.IsCancellationRequested || clock.Elapsed >= repairEnd)
        {
            return null;
        }
        var byOfficer = plan.Postings.GroupBy(p => p.OfficerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Period).Select(p => problem.SiteIndex(p.SiteId)).ToArray(), StringComparer.Ordinal);
        int[][] schedules = [.. officers.Select(o => byOfficer[problem.Officers[o].Id])];
        ScheduleSearch.Improve(index, officers, sites, schedules,
            () => clock.Elapsed < repairEnd && !cancellationToken.IsCancellationRequested, new Random(options.RandomSeed + salt), groups: true);
        return schedules;
    }

    /// <summary>
    /// When the gap is at least one uncovered officer-period, searches for a plan with fewer uncovered alone (the
    /// compact model without costs) and returns it, else null; the caller then optimises its cost.
    /// </summary>
    private static int[][]? CoverFirst(PlanningIndex index, Component component, int[][] current, long gap, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var wU = index.Problem.Rules.Weights.Uncovered;
        if (wU <= 0 || gap < wU || timeLimit < TimeSpan.FromSeconds(0.05) || Uncovered(index, current, component) == 0)
        {
            return null;
        }
        var cover = component.Solver.Solve(timeLimit, current, null, cancellationToken, coverageOnly: true);
        return cover.Sites is { } covering && Uncovered(index, covering, component) < Uncovered(index, current, component) ? covering : null;
    }

    /// <summary>Uncovered officer-periods of a component's schedules.</summary>
    private static long Uncovered(PlanningIndex index, int[][] sites, Component component)
    {
        var problem = index.Problem;
        var present = new Dictionary<(int, int), int>();
        for (var i = 0; i < component.Officers.Length; i++)
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                if (!index.OnLeave[component.Officers[i]][t])
                {
                    present[(sites[i][t], t)] = present.GetValueOrDefault((sites[i][t], t)) + 1;
                }
            }
        }
        var missing = 0L;
        foreach (var s in component.Sites)
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                missing += Math.Max(0, problem.Sites[s].RequiredOfficers - present.GetValueOrDefault((s, t)));
            }
        }
        return missing;
    }

    /// <summary>
    /// Below this the integer master of a component larger than <see cref="CompactOfficers"/> is skipped and its time
    /// goes to the searches: measured at UN scale (60 s), its 0.2–1 s shares on the 13 larger missions never returned
    /// a plan, not even the hinted one.
    /// </summary>
    private static readonly TimeSpan MinMasterTime = TimeSpan.FromSeconds(2);

    private const double SecondPassShare = 0.2;

    /// <summary>
    /// Kept before the time limit for checking and writing the plan: no phase runs past the limit less this (or less
    /// 5 % of a limit under 2 s).
    /// </summary>
    private static readonly TimeSpan HardMargin = TimeSpan.FromSeconds(0.1);
    private static readonly TimeSpan SmallBranchTime = TimeSpan.FromSeconds(12);
    private const double SmallBranchShare = 0.15;
    private const double SmallBranchTreeShare = 0.85;

    /// <summary>A component above mission size is split geographically when its budget is at least this.</summary>
    private static readonly TimeSpan MinSplitBudget = TimeSpan.FromSeconds(20);
    private const double FirstSearchShare = 0.3;

    // The hand-over sweep (HandOverSweep.Start) and its searches: this share of the budget at most (the searches
    // usually stop at local optima sooner).
    private const double SweepShare = 0.1;

    /// <summary>How far past their share the hand-over sweeps may run (see <c>SweepEnd</c> in <see cref="Plan(PlanningIndex, PlannerOptions, CancellationToken, Stopwatch?)"/>).</summary>
    private const double SweepOverrun = 3;

    /// <summary>
    /// Components from this size with leave start from the sweep. Small ones too: UN's UNMIK (13 officers) alone at
    /// 14 s ended at 18,493–20,471 from greedy, where one sweep gives 15,028 in a second.
    /// </summary>
    private const int MinSweepOfficers = 4;

    // Where the sweep replaced diving: the LP's and the guided sweep's extra shares (of diving's 0.35).
    private const double SweptGenerationShare = 0.15;
    private const double SweptGuidedShare = 0.2;

    // The leave-free start (LeaveFreeStart): its planning run's and its repair's shares of a large component's budget
    // (taken from diving's).
    private const double LeaveFreeShare = 0.2;
    private const double LeaveFreeRepairShare = 0.1;
    private static readonly TimeSpan ShortBudget = TimeSpan.FromSeconds(20);
    private const int NeighbourhoodOfficers = 8;
    private const double WindowShare = 0.75;
    private const int WindowPeriods = 4;
    private const int WindowSites = 10;
    private const int MinWindowSites = 4;

    /// <summary>
    /// A window either solves to optimality in well under a second or not in 2 s; more short tries pay better
    /// (mission-60 from 145,011, 60 s of windows: 2 s each 142,682, 0.5 s 140,808, 0.25 s 140,391; mission from
    /// 165,546: 165,122, 164,117 and 164,322).
    /// </summary>
    private const double WindowSeconds = 0.5;
    private const int CompactOfficers = 16;
    private const double LagrangianShare = 0.1;
    private const int LagrangianIterations = 1000;
    private const double GenerationShare = 0.2;
    // Measured (60 s, 2 threads): on mission-60 the dive found 145,909 from 304,684 and the phases after it nothing
    // more; on mission the schedule model and the searches after the dive gained 0.3 %. Diving gets the most.
    private const double DiveShare = 0.45;

    // Branch and price on components of CompactOfficers+1 … BranchOfficers officers, when its share is at least
    // MinBranchTime: it comes out of diving's share (one dive still runs first).
    private const double BranchShare = 0.3;
    private const int BranchOfficers = 48;
    private static readonly TimeSpan MinBranchTime = TimeSpan.FromSeconds(10);
    private const double TailShare = 0.08;
    private const double ScheduleShare = 0.1;
    private const double SearchShare = 0.05;
    private const double NeighbourhoodShare = 0.1;

    /// <summary>Officers the dive leaves free for the compact model (it solves about this many optimally in seconds).</summary>
    private const int DiveTail = 14;
    private static readonly TimeSpan MinTailTime = TimeSpan.FromSeconds(0.2);

    /// <summary>
    /// Completes a dive: the officers it fixed keep their schedules, the others (the tail) are re-planned together by
    /// the compact model around them, started from <paramref name="start"/> (the LP's largest columns), then the
    /// schedule search polishes the whole.
    /// Every schedule keeps the per-officer rules, so the result is a valid plan whatever the tail's outcome.
    /// </summary>
    internal static int[][] CompleteDive(PlanningIndex index, int[] officers, int[] sites, int[]?[] dive, int[][] start,
        Func<TimeSpan> remaining, PlannerOptions options, int salt, CancellationToken cancellationToken)
    {
        var problem = index.Problem;
        var plan = dive.Select((d, i) => (int[])(d ?? start[i]).Clone()).ToArray();
        int[] free = [.. Enumerable.Range(0, officers.Length).Where(i => dive[i] is null)];
        // The compact model only where its travel is exact and it builds in a fraction of a second (measured: on
        // 60 sites its build alone overran the time limit by 0.9 s); elsewhere the schedule search completes alone.
        // On a loaded machine the dive can leave too little time for the model to be worth building.
        if (free.Length > 0 && free.Length <= 2 * DiveTail && free.All(i => index.Eligible[officers[i]].Length <= options.ExactTravelUpTo)
            && remaining() >= MinTailTime)
        {
            // The schedule search first: it repairs the rounding's holes in milliseconds, a better hint for the model.
            var repairUntil = remaining() * 0.7;
            ScheduleSearch.Improve(index, officers, sites, plan, () => remaining() > repairUntil && !cancellationToken.IsCancellationRequested,
                new Random(options.RandomSeed + salt));
            var result = ResolveSubset(index, officers, sites, plan, free, remaining() * 0.8, options, cancellationToken);
            options.Trace?.Invoke($"tail {free.Length} officers: {result.Status} objective {result.Objective} bound {result.Bound}");
        }
        ScheduleSearch.Improve(index, officers, sites, plan, () => remaining() > TimeSpan.Zero && !cancellationToken.IsCancellationRequested,
            new Random(options.RandomSeed + salt));
        return plan;
    }

    /// <summary>
    /// Re-plans the officers <paramref name="subset"/> (component positions) of <paramref name="plan"/> together with
    /// the compact model, the others' postings fixed, started from their current schedules; writes the result into
    /// <paramref name="plan"/> (the model's objective for the subset never exceeds its hint's).
    /// </summary>
    private static ComponentResult ResolveSubset(PlanningIndex index, int[] officers, int[] sites, int[][] plan, int[] subset, TimeSpan timeLimit,
        PlannerOptions options, CancellationToken cancellationToken)
    {
        var problem = index.Problem;
        var fixedPresence = new int[problem.Sites.Count, problem.Periods];
        var inSubset = new bool[officers.Length];
        foreach (var i in subset)
        {
            inSubset[i] = true;
        }
        for (var i = 0; i < officers.Length; i++)
        {
            for (var t = 0; !inSubset[i] && t < problem.Periods; t++)
            {
                if (!index.OnLeave[officers[i]][t])
                {
                    fixedPresence[plan[i][t], t]++;
                }
            }
        }
        var solver = new ComponentSolver(index, [.. subset.Select(i => officers[i])], sites, options, fixedPresence);
        var result = solver.Solve(timeLimit, [.. subset.Select(i => plan[i])], null, cancellationToken);
        if (result.Sites is { } sitesFound)
        {
            // The model's travel may be a relaxation (many candidate sites): keep its answer only when exactly better.
            var before = ComponentObjective(index, plan, officers, sites);
            var saved = subset.Select(i => plan[i]).ToArray();
            for (var j = 0; j < subset.Length; j++)
            {
                plan[subset[j]] = sitesFound[j];
            }
            if (ComponentObjective(index, plan, officers, sites) > before)
            {
                for (var j = 0; j < subset.Length; j++)
                {
                    plan[subset[j]] = saved[j];
                }
            }
        }
        return result;
    }

    private static int[][] CompleteDive(PlanningIndex index, Component component, int[]?[] dive, int[][] start, Func<TimeSpan> remaining,
        PlannerOptions options, int salt, CancellationToken cancellationToken) =>
        CompleteDive(index, component.Officers, component.Sites, dive, start, remaining, options, salt, cancellationToken);

    /// <summary>
    /// Large-neighbourhood search: re-plans part of the plan with the compact model, the rest fixed, keeping each
    /// change that lowers the exact objective. Two kinds of neighbourhood:
    /// <list type="bullet">
    /// <item>a time window in an area (most tries): every officer posted at one of the sites nearest a random site
    /// in some period of a random window, free among those sites and its own inside the window, its postings outside
    /// it kept. Covering a period of leave takes a second officer, whole, at a site, and the cheap way is to re-time
    /// several officers' hand-overs around it, which a window can do. Measured on mission-60 (85×60) from a 60 s plan
    /// of 145,011, 60 s each: windows 49 tries, 11 improved, 142,573; officer subsets 29 tries, none improved. On
    /// mission (40×25) from 165,546: 164,336 against 165,437.</item>
    /// <item>a few officers over the whole horizon (those posted near a random officer in a random period).</item>
    /// </list>
    /// Each kind's size grows while its sub-problems solve to optimality quickly and shrinks when they do not.
    /// </summary>
    internal static int[][] Improve(PlanningIndex index, int[] officers, int[] sites, int[][] current, Func<TimeSpan> remaining,
        PlannerOptions options, int salt, Action<long> improved, CancellationToken cancellationToken, double windowShare = WindowShare, string name = "")
    {
        var problem = index.Problem;
        var periods = problem.Periods;
        var random = new Random(options.RandomSeed + salt);
        var best = ComponentObjective(index, current, officers, sites);
        var n = officers.Length;
        var size = NeighbourhoodOfficers;
        var area = Math.Min(sites.Length, WindowSites);
        var width = Math.Min(periods, WindowPeriods);
        var (tries, wins, windowTries, windowWins) = (0, 0, 0, 0);
        // Half a second kept: building the compact model is not covered by its time limit (seconds on 60 sites under load).
        while (remaining() > TimeSpan.FromSeconds(0.5) && !cancellationToken.IsCancellationRequested)
        {
            var window = random.NextDouble() < windowShare;
            int[] chosen;
            Frame? frame = null;
            if (window)
            {
                var from = random.Next(periods - width + 1);
                var seedSite = sites[random.Next(sites.Length)];
                var region = new bool[problem.Sites.Count];
                foreach (var s in sites.OrderBy(s => index.Km[s, seedSite] + random.Next(0, 50)).Take(area))
                {
                    region[s] = true;
                }
                chosen = [.. Enumerable.Range(0, n).Where(i => Enumerable.Range(from, width).Any(t => region[current[i][t]]))];
                frame = new Frame([.. chosen.Select(i => current[i])], from, from + width, region);
            }
            else
            {
                var seed = random.Next(n);
                var t0 = random.Next(periods);
                var seedSite = current[seed][t0];
                chosen = [.. Enumerable.Range(0, n).OrderBy(i => index.Km[current[i][t0], seedSite] + random.Next(0, 100)).Take(Math.Min(size, n))];
            }
            if (chosen.Length == 0)
            {
                continue;
            }
            var fixedPresence = new int[problem.Sites.Count, periods];
            var inSubset = new bool[n];
            foreach (var i in chosen)
            {
                inSubset[i] = true;
            }
            for (var i = 0; i < n; i++)
            {
                for (var t = 0; t < periods && !inSubset[i]; t++)
                {
                    if (!index.OnLeave[officers[i]][t])
                    {
                        fixedPresence[current[i][t], t]++;
                    }
                }
            }
            var solver = new ComponentSolver(index, [.. chosen.Select(i => officers[i])], sites, options, fixedPresence, frame);
            var limit = TimeSpan.FromSeconds(Math.Min(window ? WindowSeconds : 2.0, remaining().TotalSeconds - 0.3));
            var result = solver.Solve(limit, [.. chosen.Select(i => current[i])], null, cancellationToken);
            var optimal = result.Status == CpSolverStatus.Optimal;
            if (window)
            {
                area = optimal ? Math.Min(area + 1, sites.Length) : Math.Max(MinWindowSites, area - 2);
                windowTries++;
            }
            else
            {
                size = optimal ? Math.Min(size + 1, 24) : Math.Max(4, size - 2);
                tries++;
            }
            if (result.Sites is not { } planned)
            {
                continue;
            }
            var candidate = (int[][])current.Clone();
            for (var j = 0; j < chosen.Length; j++)
            {
                candidate[chosen[j]] = planned[j];
            }
            var objective = ComponentObjective(index, candidate, officers, sites);
            if (objective < best)
            {
                best = objective;
                current = candidate;
                (wins, windowWins) = window ? (wins, windowWins + 1) : (wins + 1, windowWins);
                improved(best);
            }
        }
        options.Trace?.Invoke($"neighbourhood search {name}: {windowTries} windows ({windowWins} improved, area {area} sites), {tries} officer subsets ({wins} improved, size {size}), objective {best}");
        return current;
    }

    /// <inheritdoc cref="Improve(PlanningIndex, int[], int[], int[][], Func{TimeSpan}, PlannerOptions, int, Action{long}, CancellationToken, double, string)"/>
    private static int[][] Improve(PlanningIndex index, Component component, int[][] current, Func<TimeSpan> remaining,
        PlannerOptions options, int salt, Action<long> improved, CancellationToken cancellationToken) =>
        Improve(index, component.Officers, component.Sites, current, remaining, options, salt, improved, cancellationToken, name: component.Name);

    /// <summary>UNKNOWN: the time limit passed (or the run was cancelled) before any plan existed; said in a warning.</summary>
    private static RotationPlan OutOfTime(string doing, List<string> warnings, Stopwatch clock, CancellationToken cancellationToken) =>
        new(PlanStatus.Unknown, null, null, null, [], [], [],
            [.. warnings, $"Stopped {(cancellationToken.IsCancellationRequested ? "on request" : "at the time limit")} while {doing}, before any plan existed: give the planner more time."],
            clock.Elapsed.TotalSeconds);

    private static RotationPlan Infeasible(List<string> reasons, List<string> warnings, Stopwatch clock) =>
        new(PlanStatus.Infeasible, null, null, null, [], [], reasons, warnings, clock.Elapsed.TotalSeconds);

    private sealed record Component(string Name, int[] Officers, int[] Sites, ComponentSolver Solver);

    /// <summary>
    /// Hands components to lanes in order (largest first), each when a lane is free, with a share of the time
    /// the lanes have left by its size: the time of a component that ends early (proven optimal) goes to the
    /// components not yet started, in any lane. Dealing them to fixed lanes beforehand left a lane's spare time on its
    /// own small components (measured at UN 300 s: UNTSO, 8 officers, 49 s).
    /// </summary>
    /// <param name="order">The components in the order they start (in the first pass, largest first).</param>
    /// <param name="size">A component's size, fixed until it starts (time is shared in proportion to it).</param>
    /// <param name="lanes">Lanes working at once.</param>
    /// <param name="end">When every component should be done.</param>
    /// <param name="now">The time now, on the clock <paramref name="end"/> is on.</param>
    /// <param name="least">The least time for a component, given the lane's time to the end (none when null).</param>
    internal sealed class LaneSchedule(IReadOnlyList<int> order, Func<int, long> size, int lanes, TimeSpan end, Func<TimeSpan> now,
        Func<int, TimeSpan, TimeSpan>? least = null)
    {
        private readonly Lock _gate = new();
        private readonly Queue<int> _pending = new(order);
        private readonly TimeSpan[] _busyUntil = new TimeSpan[lanes];
        private long _remaining = order.Sum(c => Math.Max(1, size(c)));

        /// <summary>
        /// The next component for <paramref name="lane"/>, its time, and whether it is the last to start; null when all
        /// have started. Its time is the lanes' time left (this lane's to the end, the others' after their current
        /// components) times its share of the sizes not yet started, or its least time if more; at least 0.1 s, at most
        /// this lane's time to the end.
        /// </summary>
        public (int Component, TimeSpan Budget, bool Last)? Next(int lane)
        {
            lock (_gate)
            {
                if (!_pending.TryDequeue(out var c))
                {
                    return null;
                }
                var t = now();
                var own = end - t;
                var capacity = own;
                for (var k = 0; k < _busyUntil.Length; k++)
                {
                    if (k != lane)
                    {
                        capacity += TimeSpan.FromTicks(Math.Max(0, (end - (_busyUntil[k] > t ? _busyUntil[k] : t)).Ticks));
                    }
                }
                var s = Math.Max(1, size(c));
                var share = TimeSpan.FromSeconds(capacity.TotalSeconds * s / _remaining);
                if (least?.Invoke(c, own) is { } floor && floor > share)
                {
                    share = floor;
                }
                var budget = TimeSpan.FromSeconds(Math.Max(0.1, Math.Min(own.TotalSeconds, share.TotalSeconds)));
                _remaining -= s;
                _busyUntil[lane] = t + budget;
                return (c, budget, _pending.Count == 0);
            }
        }
    }

    /// <summary>
    /// Plans <paramref name="order"/>'s components in lanes side by side, one per thread (each lane's solves on one
    /// worker): a free lane takes the next component with its time from a <see cref="LaneSchedule"/> and runs
    /// <paramref name="each"/> on it (component, time, whether it is the last to start, the lane's options).
    /// </summary>
    private static void InLanes(List<int> order, Func<int, long> size, TimeSpan end, PlannerOptions options, Stopwatch clock,
        Action<int, TimeSpan, bool, PlannerOptions> each, Func<int, TimeSpan, TimeSpan>? least = null)
    {
        if (order.Count == 0)
        {
            return;
        }
        var laneCount = Math.Min(Math.Max(1, options.Threads), order.Count);
        var laneOptions = laneCount == 1 ? options : options with { Threads = Math.Max(1, options.Threads / laneCount) };
        var schedule = new LaneSchedule(order, size, laneCount, end, () => clock.Elapsed, least);
        SideBySide([.. Enumerable.Range(0, laneCount).Select(lane => (Action)(() =>
        {
            while (schedule.Next(lane) is (var c, var budget, var last))
            {
                each(c, budget, last, laneOptions);
            }
        }))]);
    }

    /// <summary>
    /// Runs the actions at once, each on a thread of its own (the first on the caller's), and rethrows the first
    /// failure once all have ended. Own threads, not the pool's: each runs for most of the time limit, which would hold
    /// pool threads the host needs for its requests.
    /// </summary>
    private static void SideBySide(IReadOnlyList<Action> actions)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<System.Runtime.ExceptionServices.ExceptionDispatchInfo>();
        void Guarded(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failures.Enqueue(System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e));
            }
        }
        var threads = actions.Skip(1).Select(a => new Thread(() => Guarded(a)) { IsBackground = true, Name = "planner lane" }).ToList();
        threads.ForEach(t => t.Start());
        Guarded(actions[0]);
        threads.ForEach(t => t.Join());
        if (failures.TryDequeue(out var first))
        {
            first.Throw();
        }
    }

    private static List<Component> Components(PlanningIndex index, PlannerOptions options)
    {
        var problem = index.Problem;
        if (!options.Decompose || problem.Rules.CrossMissionMoves)
        {
            int[] officers = [.. Enumerable.Range(0, problem.Officers.Count)];
            int[] sites = [.. Enumerable.Range(0, problem.Sites.Count)];
            return officers.Length == 0 ? [] : [new Component("all missions", officers, sites, new ComponentSolver(index, officers, sites, options))];
        }
        var list = new List<Component>();
        foreach (var mission in problem.Officers.Select(o => o.Mission).Distinct(StringComparer.Ordinal))
        {
            int[] officers = [.. Enumerable.Range(0, problem.Officers.Count).Where(o => problem.Officers[o].Mission == mission)];
            int[] sites = [.. Enumerable.Range(0, problem.Sites.Count).Where(s => problem.Sites[s].Mission == mission)];
            list.Add(new Component(mission, officers, sites, new ComponentSolver(index, officers, sites, options)));
        }
        return list;
    }

    /// <summary>Whether the greedy sequence of one officer keeps every hard rule (checked by the validator's rules).</summary>
    private static bool GreedyIsValidFor(PlanningIndex index, int[][] greedy, int o) =>
        // The per-officer rules (2–6) as the planner checks every schedule; the whole plan is checked by PlanValidator at
        // the end. Validating a one-officer copy of the problem here cost 10 ms an officer on 2,000 sites (20 s in all).
        Schedules.IsValid(index, o, greedy[o]);

    /// <summary>
    /// The exact objective of a component's postings (officers in component order), by the validator, plus the
    /// stability cost when re-planning: what the search minimises.
    /// </summary>
    private static long ComponentObjective(PlanningIndex index, int[][] sites, Component component) =>
        ComponentObjective(index, sites, component.Officers, component.Sites);

    /// <inheritdoc cref="ComponentObjective(PlanningIndex, int[][], Component)"/>
    internal static long ComponentObjective(PlanningIndex index, int[][] sites, int[] officers, int[] siteList)
    {
        var problem = index.Problem;
        var sub = problem with
        {
            Sites = [.. siteList.Select(s => problem.Sites[s])],
            Officers = [.. officers.Select(o => problem.Officers[o])],
            Pinned = [],
        };
        var postings = new List<Posting>(officers.Length * problem.Periods);
        for (var i = 0; i < officers.Length; i++)
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                postings.Add(new Posting(problem.Officers[officers[i]].Id, t, problem.Sites[sites[i][t]].Id));
            }
        }
        if (postings.Any(p => sub.SiteIndex(p.SiteId) < 0))
        {
            return long.MaxValue;
        }
        var stability = 0L;
        for (var i = 0; i < officers.Length; i++)
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                stability += index.Stability(officers[i], t, sites[i][t]);
            }
        }
        return PlanValidator.Validate(sub, postings).Objective is { } objective ? objective + stability : long.MaxValue;
    }
}
