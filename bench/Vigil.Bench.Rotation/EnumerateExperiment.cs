using System.Diagnostics;
using System.Globalization;
using Vigil.Planning;

namespace Vigil.Bench.Rotation;

/// <summary>
/// Experiment (`--cg FILE --enumerate PLAN [--within D] [--cap N] [--write OUT]`): is a component's gap its plan's or its bound's? At the converged
/// master LP's duals π, any plan costs at least L(π) + Σ_officers (reduced cost of its schedule − the officer's
/// least reduced cost), so a plan cheaper than the known one uses, for every officer, a schedule whose reduced cost is
/// within (plan − 1 − L(π)) of the least. All of those are enumerated by the exact pricing search and the integer
/// master solves over them: proven optimal there, it is the component's optimum. With <c>within</c>, only the
/// schedules within that much of each officer's least are listed: the master over them is then a heuristic.
/// </summary>
internal static class EnumerateExperiment
{
    private const long Scale = 1L << 16;

    public static void Run(PlanningIndex index, int[] officers, int[] sites, double lpValue, long[][]? boundPrices, int[][] start, long cap, long? within, double seconds, int threads, string? write)
    {
        var watch = Stopwatch.StartNew();
        var problem = index.Problem;
        var periods = problem.Periods;
        var required = sites.Select(s => problem.Sites[s].RequiredOfficers).ToArray();
        // Column generation's own prices: another optimal dual of the same LP may let columns price out (tried on an
        // 8-site slice: a degenerate row at the full uncovered weight put L(π) far below the LP).
        var prices = boundPrices ?? throw new InvalidOperationException("column generation gave no bound");
        var pricing = new LagrangianBound(index, officers, sites);
        var ws = pricing.NewExactWorkspace();
        var path = new int[periods];
        var least = new long[officers.Length];
        var lagrange = 0L;
        for (var j = 0; j < sites.Length; j++)
        {
            for (var t = 0; t < periods; t++)
            {
                lagrange += prices[j][t] * required[j];
            }
        }
        for (var i = 0; i < officers.Length; i++)
        {
            var (value, _, exact) = pricing.PriceExact(i, prices, Scale, ws, path, false, int.MaxValue);
            if (!exact)
            {
                throw new InvalidOperationException("pricing not exact");
            }
            least[i] = value;
            lagrange += value;
        }
        var upper = RotationPlanner.ComponentObjective(index, start, officers, sites);
        var lower = (lagrange + Scale - 1) / Scale;
        Console.WriteLine($"  LP {lpValue:0.0}, L(pi) {lower}, start plan {upper} ({watch.Elapsed.TotalSeconds:0.0} s)");
        if (within is { } w)
        {
            upper = lower + w; // list as if a plan this far above the bound were known (the start stays a column)
        }
        var slackScaled = ((upper - 1) * Scale) - lagrange;
        var enumerated = new List<int[]>[officers.Length];
        var total = 0L;
        var complete = true;
        for (var i = 0; i < officers.Length && complete; i++)
        {
            var list = enumerated[i] = [start[i]];
            pricing.PriceExact(i, prices, Scale, ws, path, false, int.MaxValue, enumerate: col =>
            {
                list.Add((int[])col.Clone());
                return ++total <= cap;
            }, enumerateUpTo: least[i] + slackScaled);
            complete = total <= cap;
            if (!complete)
            {
                Console.WriteLine($"  officer {i}: more than the cap ({watch.Elapsed.TotalSeconds:0.0} s)");
            }
            Console.WriteLine($"  officer {i}: {list.Count - 1} schedules within the gap ({watch.Elapsed.TotalSeconds:0.0} s)");
        }
        if (!complete)
        {
            Console.WriteLine($"  more than {cap} schedules: not enumerated");
            return;
        }
        var master = new ScheduleModel(index, officers, sites, enumerated);
        var (chosen, value2) = master.Solve(start, TimeSpan.FromSeconds(seconds), new PlannerOptions { Threads = threads }, CancellationToken.None, lower);
        var best = chosen is null ? upper : RotationPlanner.ComponentObjective(index, chosen, officers, sites);
        Console.WriteLine($"  integer master over {master.Columns} columns: {(chosen is null ? "no plan" : best.ToString(CultureInfo.InvariantCulture))}, {(master.Proven ? "proven optimal over them" : "not proven")} ({watch.Elapsed.TotalSeconds:0.0} s)");
        if (chosen is not null && write is not null)
        {
            var postings = officers.SelectMany((o, i) => chosen[i].Select((s, t) => new Posting(problem.Officers[o].Id, t, problem.Sites[s].Id))).ToList();
            var check = PlanValidator.Validate(problem, postings);
            Console.WriteLine($"  plan valid {check.IsValid}, objective {check.Objective}");
            File.WriteAllText(write, System.Text.Json.JsonSerializer.Serialize(new
            {
                status = "FEASIBLE",
                objective = check.Objective,
                postings = postings.Select(p => new { officer = p.OfficerId, period = p.Period, site = p.SiteId }),
            }));
        }
    }
}
