using Google.OrTools.Graph;

namespace Vigil.Planning;

/// <summary>
/// A start for components with leave: plans period by period, each period one assignment problem between all the
/// component's officers and its sites' posts. An officer on leave stays where they are and their post is taken by
/// the cheapest officer free then (back from leave, out of tenure, or spare), so hand-overs fall on leave, which is
/// what the LP does and what the dives and the greedy plan miss (the greedy plan keeps everyone in place until
/// tenure ends and fills each gap by itself). Officers may also move as spares to a post about to open. Measured
/// (docs/rotation.md, "Hand-over sweep"): on mission-60 one sweep gives 138,488 in 0.1 s where the planner without
/// it ends at 145,000–147,000 after 60 s and 144,942 after 20 minutes.
/// </summary>
internal static class HandOverSweep
{
    /// <summary>
    /// The plan per component officer and period (global site indices), or null when an officer is left with no
    /// site it may take (a corner the sweep cannot see coming) or a schedule breaks a rule (pins it cannot honour).
    /// </summary>
    /// <param name="index">The problem's index.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites.</param>
    /// <param name="lookWeight">
    /// What a post is charged when its new officer will leave it after L periods (leave, tenure or the horizon's
    /// end): lookWeight / L, the hand-over that short stay brings on.
    /// </param>
    /// <param name="holeCredit">What moving to a post about to open is worth (0: no such look ahead).</param>
    /// <param name="guide">When given, the LP's value of each posting (officer, period, site in <paramref name="sites"/>'
    /// order), each worth guideWeight times its value.</param>
    /// <param name="guideWeight">See <paramref name="guide"/>.</param>
    /// <param name="proceed">
    /// Asked before each period (each one assignment problem); false stops the sweep with no plan. On large
    /// components a sweep takes seconds (500 officers: an assignment of about a million arcs per period), so the
    /// time limit and cancellation must reach inside it.
    /// </param>
    public static int[][]? Plan(PlanningIndex index, int[] officers, int[] sites, long lookWeight, long holeCredit,
        double[][][]? guide = null, long guideWeight = 0, Func<bool>? proceed = null)
    {
        var problem = index.Problem;
        var rules = problem.Rules;
        var w = rules.Weights;
        var periods = problem.Periods;
        var n = officers.Length;
        // One post per required officer; a post nobody covers costs the uncovered weight.
        var posts = sites.SelectMany(s => Enumerable.Repeat(s, problem.Sites[s].RequiredOfficers)).ToArray();
        var m = posts.Length;
        var prev = officers.Select(o => index.Current[o]).ToArray();
        var run = officers.Select(o => index.Current[o] >= 0 ? problem.Officers[o].PeriodsAtCurrentSite : 0).ToArray();
        var earliest = officers.Select(o => new Dictionary<int, int>(index.Earliest[o])).ToArray();
        var plan = officers.Select(_ => new int[periods]).ToArray();
        var options = new long[n][];
        var siteSlot = new Dictionary<int, int>(sites.Length);
        for (var k = 0; k < sites.Length; k++)
        {
            siteSlot[sites[k]] = k;
        }
        for (var i = 0; i < n; i++)
        {
            options[i] = new long[sites.Length];
        }
        for (var t = 0; t < periods; t++)
        {
            if (proceed is not null && !proceed())
            {
                return null;
            }
            var spare = new int[n];
            var spareCost = new long[n];
            for (var i = 0; i < n; i++)
            {
                var o = officers[i];
                var cheapest = long.MaxValue;
                spare[i] = -1;
                for (var k = 0; k < sites.Length; k++)
                {
                    var s = sites[k];
                    options[i][k] = Cost(index, o, t, s, prev[i], run[i], earliest[i]);
                    if (guide is not null && options[i][k] != long.MaxValue)
                    {
                        options[i][k] += guideWeight - (long)(guideWeight * guide[i][t][k]);
                    }
                    if (options[i][k] < cheapest)
                    {
                        cheapest = options[i][k];
                        spare[i] = s;
                    }
                }
                if (spare[i] < 0)
                {
                    return null; // painted into a corner
                }
                spareCost[i] = cheapest;
            }

            // Posts about to open: at a site with no spare officer, the period its officer goes on leave or out of
            // tenure within Anticipation periods. An officer who moves there now as a spare (and may stay until then)
            // is credited with holeCredit, the move that filling it would cost later.
            var holes = new List<(int Site, int Period, int Officer)>();
            if (holeCredit > 0)
            {
                var present = new Dictionary<int, int>();
                for (var i = 0; i < n; i++)
                {
                    if (prev[i] >= 0)
                    {
                        present[prev[i]] = present.GetValueOrDefault(prev[i]) + 1;
                    }
                }
                for (var i = 0; i < n; i++)
                {
                    var p = prev[i];
                    if (p < 0 || !siteSlot.ContainsKey(p) || present[p] > problem.Sites[p].RequiredOfficers || index.OnLeave[officers[i]][t])
                    {
                        continue;
                    }
                    // An officer already past tenure (periodsAtCurrentSite above the limit) must move now: their
                    // post is open in this period's assignment, not about to open.
                    var until = Math.Min(t + UntilLeave(index, officers[i], t), t + rules.MaxConsecutivePeriods - run[i]);
                    if (until > t && until < periods && until - t <= Anticipation)
                    {
                        holes.Add((p, until, i));
                    }
                }
            }
            var h = holes.Count;

            // Rows: officers, then one stand-in per post (the post left uncovered) and per hole. Columns: posts,
            // holes, then one spare place per officer. Costs are shifted by the uncovered weight so that none is
            // negative: an officer who covers nothing (on leave, or spare) pays it, as does each stand-in on a post.
            var assignment = new LinearSumAssignment();
            for (var i = 0; i < n; i++)
            {
                var o = officers[i];
                var onLeave = index.OnLeave[o][t];
                for (var j = 0; j < m; j++)
                {
                    var cost = options[i][siteSlot[posts[j]]];
                    if (cost == long.MaxValue)
                    {
                        continue;
                    }
                    if (onLeave)
                    {
                        cost += w.Uncovered;
                    }
                    else
                    {
                        var stays = Math.Min(Math.Min(UntilLeave(index, o, t), periods - t),
                            rules.MaxConsecutivePeriods - (posts[j] == prev[i] ? run[i] : 0));
                        cost += lookWeight / Math.Max(1, stays);
                    }
                    assignment.AddArcWithCost(i, j, cost);
                }
                for (var q = 0; q < h; q++)
                {
                    var (site, period, holder) = holes[q];
                    var cost = options[i][siteSlot[site]];
                    if (holder == i || cost == long.MaxValue || index.OnLeave[o][period]
                        || period - t + (site == prev[i] ? run[i] : 0) >= rules.MaxConsecutivePeriods)
                    {
                        continue;
                    }
                    assignment.AddArcWithCost(i, m + q, Math.Max(0, cost + w.Uncovered - holeCredit));
                }
                for (var j = 0; j < n; j++)
                {
                    assignment.AddArcWithCost(i, m + h + j, spareCost[i] + w.Uncovered);
                }
            }
            for (var j = 0; j < m + h; j++)
            {
                for (var k = 0; k < m + h + n; k++)
                {
                    assignment.AddArcWithCost(n + j, k, k < m ? w.Uncovered : 0);
                }
            }
            if (assignment.Solve() != LinearSumAssignment.Status.OPTIMAL)
            {
                return null;
            }
            for (var i = 0; i < n; i++)
            {
                var j = assignment.RightMate(i);
                var s = j < m ? posts[j] : j < m + h ? holes[j - m].Site : spare[i];
                GreedyPlanner.Step(s, t, ref prev[i], ref run[i], earliest[i], rules.MinPeriodsBeforeReturn);
                plan[i][t] = s;
            }
        }
        for (var i = 0; i < n; i++)
        {
            if (!Schedules.IsValid(index, officers[i], plan[i]))
            {
                return null;
            }
        }
        return plan;
    }

    /// <summary>
    /// The start the planner takes: sweeps with each of <see cref="Looks"/> (the results move by ±3 % from one
    /// charge to the next, with no charge best everywhere), a short schedule search from each, then the rest of the
    /// time on the best of them. Null when no sweep gives a plan.
    /// </summary>
    /// <param name="index">The problem's index.</param>
    /// <param name="officers">The component's officers.</param>
    /// <param name="sites">The component's sites.</param>
    /// <param name="time">
    /// The time for the sweeps and the searches. The sweeps may run past it (each is needed whole) but not past
    /// <paramref name="proceed"/>; the searches stop at it.
    /// </param>
    /// <param name="random">For the searches.</param>
    /// <param name="cancellationToken">Stops the sweeps (between periods) and the searches; then no sweep may be started.</param>
    /// <param name="guide">
    /// When given (after column generation), the LP's value of each posting: the sweeps then follow the LP, each
    /// posting worth (move + 100 km) × <see cref="GuideFactors"/> times its value, with three charges for short stays.
    /// </param>
    /// <param name="proceed">
    /// The hard limit (the component's deadline): asked before each period of each sweep; false stops the sweeps,
    /// keeping those completed. Null: no limit but <paramref name="cancellationToken"/>.
    /// </param>
    public static int[][]? Start(PlanningIndex index, int[] officers, int[] sites, TimeSpan time, Random random, CancellationToken cancellationToken,
        double[][][]? guide = null, Func<bool>? proceed = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var w = index.Problem.Rules.Weights;
        var look = w.Move + (w.TravelKm * LookKm);
        bool Proceed() => !cancellationToken.IsCancellationRequested && (proceed is null || proceed());
        var sweeps = guide is null
            ? Looks.Select(f => ((long)(look * f), 0L))
            : GuideFactors.SelectMany(g => GuidedLooks.Select(f => ((long)(look * f), (long)(look * g))));
        var candidates = new List<int[][]>();
        foreach (var (lookWeight, guideWeight) in sweeps)
        {
            if (!Proceed())
            {
                break;
            }
            if (Plan(index, officers, sites, lookWeight, look / 2, guide, guideWeight, Proceed) is { } plan)
            {
                candidates.Add(plan);
            }
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        var each = (time - clock.Elapsed) * FirstSearchShare / candidates.Count;
        foreach (var candidate in candidates)
        {
            var end = clock.Elapsed + each;
            ScheduleSearch.Improve(index, officers, sites, candidate, () => clock.Elapsed < end && !cancellationToken.IsCancellationRequested, random, groups: true);
        }
        var best = candidates.MinBy(p => RotationPlanner.ComponentObjective(index, p, officers, sites))!;
        ScheduleSearch.Improve(index, officers, sites, best, () => clock.Elapsed < time && !cancellationToken.IsCancellationRequested, random, groups: true);
        return best;
    }

    /// <summary>
    /// Whether a sweep fits a time limit at all: each period is one dense assignment problem over the officers and the
    /// posts (about (officers + posts)² arcs), which cannot be stopped once started. At 2,000 officers one period took
    /// over 10 s and 800 MB; at 500 about a second. Above <see cref="MaxSweepNodes"/> the planner starts from greedy.
    /// The largest missions (90 officers, 60 sites) are far below it.
    /// </summary>
    public static bool Affordable(PlanningIndex index, int[] officers, int[] sites) =>
        officers.Length + sites.Sum(s => (long)Math.Max(0, index.Problem.Sites[s].RequiredOfficers)) <= MaxSweepNodes;

    /// <summary>The most officers and posts together that a sweep takes on (see <see cref="Affordable"/>).</summary>
    public const int MaxSweepNodes = 800;

    /// <summary>How many periods ahead a post about to open is seen.</summary>
    private const int Anticipation = 4;

    /// <summary>A short stay's charge: a move and the travel of this many kilometres, times each factor in turn.</summary>
    private const long LookKm = 100;
    private static readonly double[] Looks = [0.25, 0.375, 0.5, 0.75, 1.0, 1.5];

    /// <summary>
    /// Following the LP: mission-60 (LP converged, 4 s of search each) 124,905–128,946 with a posting worth 1 or 2 ×
    /// (move + 100 km) times its value, against 133,846 for the best sweep without the LP; 4 × was worse (130,238).
    /// </summary>
    private static readonly double[] GuideFactors = [1.0, 2.0];
    private static readonly double[] GuidedLooks = [0.25, 0.5, 1.0];

    /// <summary>The share of <see cref="Start"/>'s time that goes to the short searches from every sweep.</summary>
    private const double FirstSearchShare = 0.5;

    /// <summary>The cost of posting the officer at the site in the period, or long.MaxValue when a rule forbids it.</summary>
    private static long Cost(PlanningIndex index, int o, int t, int s, int prev, int run, Dictionary<int, int> earliest)
    {
        var problem = index.Problem;
        var w = problem.Rules.Weights;
        if (Array.BinarySearch(index.Eligible[o], s) < 0 || (index.Pins[o][t] != -1 && index.Pins[o][t] != s))
        {
            return long.MaxValue;
        }
        var language = Rules.HasLanguageGap(problem.Sites[s], problem.Officers[o]) ? w.LanguageGap : 0;
        if (s == prev)
        {
            return run + 1 <= problem.Rules.MaxConsecutivePeriods ? language : long.MaxValue;
        }
        if (t < earliest.GetValueOrDefault(s, 0))
        {
            return long.MaxValue;
        }
        return language + (prev >= 0 ? w.Move + (w.TravelKm * index.Km[prev, s]) : 0);
    }

    /// <summary>Periods from t until the officer's next leave (t itself not on leave), capped at the horizon.</summary>
    private static int UntilLeave(PlanningIndex index, int o, int t)
    {
        var leave = index.OnLeave[o];
        var d = 1;
        while (t + d < leave.Length && !leave[t + d])
        {
            d++;
        }
        return d;
    }
}
