using System.Diagnostics;

namespace Vigil.Planning;

/// <summary>
/// A simple period-by-period planner: officers stay where they are while tenure allows; those who must move go
/// to the site that most needs them (then the one whose language they speak, then the nearest); finally officers
/// at over-staffed sites are sent to uncovered ones when that is cheaper than the gap. It is the benchmark's
/// baseline and the solver's starting hint. It never breaks a hard rule knowingly, but it does not look ahead,
/// so it can paint an officer into a corner (then the plan is <see cref="PlanStatus.Unknown"/>).
/// </summary>
public static class GreedyPlanner
{
    /// <summary>Plans greedily. The bound is 0 (a greedy plan proves nothing better).</summary>
    /// <param name="problem">The problem.</param>
    public static RotationPlan Plan(RotationProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var index = new PlanningIndex(problem);
        var (sites, _) = Run(index);
        var postings = ToPostings(problem, sites);
        var check = PlanValidator.Validate(problem, postings);
        return check.IsValid
            ? new RotationPlan(PlanStatus.Feasible, check.Objective, 0, check.Breakdown!, postings, check.Uncovered, [], [], clock.Elapsed.TotalSeconds)
            : new RotationPlan(PlanStatus.Unknown, null, null, null, [], [], [], [.. check.Violations.Select(v => "greedy: " + v)], clock.Elapsed.TotalSeconds);
    }

    internal static List<Posting> ToPostings(RotationProblem problem, int[][] sites)
    {
        var postings = new List<Posting>(problem.Officers.Count * problem.Periods);
        for (var o = 0; o < problem.Officers.Count; o++)
        {
            for (var t = 0; t < problem.Periods; t++)
            {
                postings.Add(new Posting(problem.Officers[o].Id, t, problem.Sites[sites[o][t]].Id));
            }
        }
        return postings;
    }

    /// <summary>Runs the greedy rules; returns the site per officer and period, and the officers it failed.</summary>
    internal static (int[][] Sites, bool[] Failed) Run(PlanningIndex index) => Run(index, null)!.Value;

    /// <summary>
    /// As <see cref="Run(PlanningIndex)"/>, asking <paramref name="proceed"/> before each period: null when it said
    /// no (the time limit passed; 10,000 officers and sites over 120 periods are minutes of work).
    /// </summary>
    internal static (int[][] Sites, bool[] Failed)? Run(PlanningIndex index, Func<bool>? proceed)
    {
        var problem = index.Problem;
        var rules = problem.Rules;
        var w = rules.Weights;
        var officers = problem.Officers.Count;
        var siteCount = problem.Sites.Count;
        var periods = problem.Periods;
        var result = new int[officers][];
        var failed = new bool[officers];
        var prev = (int[])index.Current.Clone();
        var run = new int[officers];
        var earliest = new Dictionary<int, int>[officers];
        var eligible = new bool[officers][];
        for (var o = 0; o < officers; o++)
        {
            result[o] = new int[periods];
            run[o] = prev[o] >= 0 ? problem.Officers[o].PeriodsAtCurrentSite : 0;
            earliest[o] = new Dictionary<int, int>(index.Earliest[o]);
            eligible[o] = new bool[siteCount];
            foreach (var s in index.Eligible[o])
            {
                eligible[o][s] = true;
            }
        }
        var count = new int[siteCount];
        var decided = new int[officers];
        bool MayEnter(int o, int t, int s) => eligible[o][s] && t >= earliest[o].GetValueOrDefault(s, 0) && (index.Pins[o][t] == -1 || index.Pins[o][t] == s);

        for (var t = 0; t < periods; t++)
        {
            if (proceed is not null && !proceed())
            {
                return null;
            }
            Array.Clear(count);
            var undecided = new List<int>();
            for (var o = 0; o < officers; o++)
            {
                var pin = index.Pins[o][t];
                var p = prev[o];
                if (pin >= 0)
                {
                    decided[o] = pin;
                    if (!eligible[o][pin] || (pin == p ? run[o] + 1 > rules.MaxConsecutivePeriods : t < earliest[o].GetValueOrDefault(pin, 0)))
                    {
                        failed[o] = true;
                    }
                }
                else if (pin == -1 && p >= 0 && eligible[o][p] && run[o] + 1 <= rules.MaxConsecutivePeriods)
                {
                    decided[o] = p;
                }
                else
                {
                    decided[o] = -1;
                    undecided.Add(o);
                    continue;
                }
                if (!index.OnLeave[o][t])
                {
                    count[decided[o]]++;
                }
            }
            var options = undecided.ToDictionary(o => o, o => index.Eligible[o].Where(s => s != prev[o] && MayEnter(o, t, s)).ToArray());
            foreach (var o in undecided.OrderBy(o => options[o].Length))
            {
                var choice = -1;
                var best = (long.MaxValue, long.MaxValue);
                foreach (var s in options[o])
                {
                    var need = problem.Sites[s].RequiredOfficers - count[s];
                    var gain = !index.OnLeave[o][t] && need > 0 ? w.Uncovered : 0;
                    var cost = (Rules.HasLanguageGap(problem.Sites[s], problem.Officers[o]) ? w.LanguageGap : 0)
                        + (prev[o] >= 0 ? w.TravelKm * index.Km[prev[o], s] : 0) - gain;
                    var key = (cost, (long)-need);
                    if (key.CompareTo(best) < 0)
                    {
                        best = key;
                        choice = s;
                    }
                }
                if (choice < 0)
                {
                    failed[o] = true;
                    choice = index.Eligible[o].Length > 0 ? index.Eligible[o][0] : Math.Max(prev[o], 0);
                }
                decided[o] = choice;
                if (!index.OnLeave[o][t])
                {
                    count[choice]++;
                }
            }

            // Repair: send an officer from an over-staffed site to an uncovered one when the gap costs more.
            for (var s = 0; s < siteCount; s++)
            {
                while (problem.Sites[s].RequiredOfficers > count[s])
                {
                    var donor = -1;
                    var donorKm = int.MaxValue;
                    for (var o = 0; o < officers; o++)
                    {
                        var from = decided[o];
                        if (from == s || index.OnLeave[o][t] || index.Pins[o][t] != -1 || count[from] <= problem.Sites[from].RequiredOfficers
                            || !MayEnter(o, t, s) || (prev[o] == s && run[o] + 1 > rules.MaxConsecutivePeriods))
                        {
                            continue;
                        }
                        var km = prev[o] >= 0 ? index.Km[prev[o], s] : 0;
                        var extra = (prev[o] == from ? w.Move : 0) + (w.TravelKm * km);
                        if (extra < w.Uncovered && km < donorKm)
                        {
                            donor = o;
                            donorKm = km;
                        }
                    }
                    if (donor < 0)
                    {
                        break;
                    }
                    count[decided[donor]]--;
                    decided[donor] = s;
                    count[s]++;
                }
            }

            for (var o = 0; o < officers; o++)
            {
                Step(decided[o], t, ref prev[o], ref run[o], earliest[o], rules.MinPeriodsBeforeReturn);
                result[o][t] = decided[o];
            }
        }
        return (result, failed);
    }

    /// <summary>
    /// Posts an officer at a site in period t for a planner that goes period by period: their stay's length, site
    /// and earliest returns move on (a site left bars its return until t + minReturn).
    /// </summary>
    internal static void Step(int site, int t, ref int prev, ref int run, Dictionary<int, int> earliest, int minReturn)
    {
        if (site != prev)
        {
            if (prev >= 0)
            {
                earliest[prev] = Math.Max(earliest.GetValueOrDefault(prev, 0), t + minReturn);
            }
            run = 1;
        }
        else
        {
            run++;
        }
        prev = site;
    }
}
