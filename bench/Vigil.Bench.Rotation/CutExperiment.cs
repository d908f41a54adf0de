using System.Diagnostics;
using Google.OrTools.LinearSolver;
using Vigil.Planning;

namespace Vigil.Bench.Rotation;

/// <summary>
/// Experiment (`--cg FILE --cuts`): would rank-1 Chvátal–Gomory cuts on triples of cover rows raise the master LP?
/// Over the converged column pool only (no pricing), so the rise it prints is an upper estimate of what the cuts
/// would give with pricing that knows them. With <c>fiveSets</c>, odd sets of five periods at one site are tried once
/// no triple is violated.
/// </summary>
internal static class CutExperiment
{
    public static void Run(PlanningIndex index, int[] officers, int[] sites, List<int[]>[] pool, int rounds, int perRound, bool fiveSets)
    {
        var watch = Stopwatch.StartNew();
        var problem = index.Problem;
        var periods = problem.Periods;
        var wU = problem.Rules.Weights.Uncovered;
        using var lp = Solver.CreateSolver("GLOP")!;
        var objective = lp.Objective();
        objective.SetMinimization();
        var slot = sites.Select((s, j) => (s, j)).ToDictionary(p => p.s, p => p.j);
        var required = sites.Select(s => problem.Sites[s].RequiredOfficers).ToArray();
        // Row r = j * periods + t.
        var rows = sites.Length * periods;
        var cover = new Constraint?[rows];
        var slack = new Variable?[rows];
        for (var j = 0; j < sites.Length; j++)
        {
            for (var t = 0; t < periods && required[j] > 0; t++)
            {
                var r = j * periods + t;
                cover[r] = lp.MakeConstraint(required[j], double.PositiveInfinity, "");
                slack[r] = lp.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(slack[r], wU);
                cover[r]!.SetCoefficient(slack[r], 1);
            }
        }
        var columns = new List<(int Officer, int[] Rows, Variable Var)>();
        for (var i = 0; i < officers.Length; i++)
        {
            var convexity = lp.MakeConstraint(1, 1, "");
            foreach (var col in pool[i].Distinct(LagrangianBound.SequenceComparer.Instance))
            {
                var v = lp.MakeNumVar(0, double.PositiveInfinity, "");
                objective.SetCoefficient(v, Schedules.Cost(index, officers[i], col, withStability: false));
                convexity.SetCoefficient(v, 1);
                var covered = new List<int>();
                for (var t = 0; t < periods; t++)
                {
                    if (!index.OnLeave[officers[i]][t] && slot.TryGetValue(col[t], out var j) && cover[j * periods + t] is { } row)
                    {
                        row.SetCoefficient(v, 1);
                        covered.Add(j * periods + t);
                    }
                }
                columns.Add((i, [.. covered], v));
            }
        }
        lp.Solve();
        Console.WriteLine($"  cuts: pool {columns.Count} columns, LP {objective.Value():0.0} ({watch.Elapsed.TotalSeconds:0.0} s)");
        var cutCount = 0;
        for (var round = 0; round < rounds; round++)
        {
            var x = columns.Select(c => c.Var.SolutionValue()).ToArray();
            var cov = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                cov[r] = cover[r] is null ? double.PositiveInfinity : slack[r]!.SolutionValue();
            }
            var byRow = Enumerable.Range(0, rows).Select(_ => new List<int>()).ToArray();
            var pairs = new Dictionary<long, double>();
            var neighbours = Enumerable.Range(0, rows).Select(_ => new HashSet<int>()).ToArray();
            var rowSets = new HashSet<int>[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                foreach (var r in columns[c].Rows)
                {
                    cov[r] += x[c];
                }
                if (x[c] < 1e-6)
                {
                    continue;
                }
                rowSets[c] = [.. columns[c].Rows];
                var rs = columns[c].Rows;
                foreach (var r in rs)
                {
                    byRow[r].Add(c);
                }
                for (var a = 0; a < rs.Length; a++)
                {
                    for (var b = a + 1; b < rs.Length; b++)
                    {
                        var key = (long)rs[a] * rows + rs[b];
                        pairs[key] = pairs.GetValueOrDefault(key) + x[c];
                        neighbours[rs[a]].Add(rs[b]);
                        neighbours[rs[b]].Add(rs[a]);
                    }
                }
            }
            double W(int a, int b) => pairs.GetValueOrDefault(a < b ? (long)a * rows + b : (long)b * rows + a);
            var found = new Dictionary<(int, int, int), double>();
            for (var r1 = 0; r1 < rows; r1++)
            {
                if (cover[r1] is null || required[r1 / periods] != 1)
                {
                    continue;
                }
                var nb = neighbours[r1].Where(r => required[r / periods] == 1).OrderBy(r => r).ToArray();
                for (var a = 0; a < nb.Length; a++)
                {
                    for (var b = a + 1; b < nb.Length; b++)
                    {
                        var (r2, r3) = (nb[a], nb[b]);
                        var sumW = W(r1, r2) + W(r1, r3) + W(r2, r3);
                        var sumCov = cov[r1] + cov[r2] + cov[r3];
                        if (sumCov - sumW >= 2 - 1e-4)
                        {
                            continue; // even with no triple weight the cut holds
                        }
                        var wt = byRow[r1].Where(c => rowSets[c].Contains(r2) && rowSets[c].Contains(r3)).Sum(c => x[c]);
                        var lhs = sumCov - sumW + 2 * wt;
                        if (lhs < 2 - 0.02)
                        {
                            var key = Sorted(r1, r2, r3);
                            found[key] = 2 - lhs;
                        }
                    }
                }
            }
            var five = new List<(int[] Rows, double Violation)>();
            if (found.Count == 0 && fiveSets)
            {
                // Odd sets of five periods at one site (required 1): Σ ceil(k/2)·x + Σ u ≥ 3.
                for (var j = 0; j < sites.Length; j++)
                {
                    if (required[j] != 1)
                    {
                        continue;
                    }
                    var cols = Enumerable.Range(0, periods).SelectMany(t => byRow[j * periods + t]).Distinct().ToArray();
                    var masks = cols.Select(c => columns[c].Rows.Where(r => r / periods == j).Aggregate(0, (m, r) => m | 1 << (r % periods))).ToArray();
                    var u = Enumerable.Range(0, periods).Select(t => slack[j * periods + t]!.SolutionValue()).ToArray();
                    var set = new int[5];
                    void Rec(int depth, int from, int mask)
                    {
                        if (depth == 5)
                        {
                            var lhs = set.Sum(t => u[t]);
                            for (var c = 0; c < cols.Length; c++)
                            {
                                var k = System.Numerics.BitOperations.PopCount((uint)(masks[c] & mask));
                                lhs += (k + 1) / 2 * x[cols[c]];
                            }
                            if (lhs < 3 - 0.02)
                            {
                                five.Add(([.. set.Select(t => j * periods + t)], 3 - lhs));
                            }
                            return;
                        }
                        for (var t = from; t < periods; t++)
                        {
                            set[depth] = t;
                            Rec(depth + 1, t + 1, mask | 1 << t);
                        }
                    }
                    Rec(0, 0, 0);
                }
                var addedFive = 0;
                var usedFive = new Dictionary<int, int>();
                foreach (var (set5, _) in five.OrderByDescending(f => f.Violation))
                {
                    if (addedFive >= perRound || set5.Any(r => usedFive.GetValueOrDefault(r) >= 2))
                    {
                        continue;
                    }
                    foreach (var r in set5)
                    {
                        usedFive[r] = usedFive.GetValueOrDefault(r) + 1;
                    }
                    var cut = lp.MakeConstraint(3, double.PositiveInfinity, "");
                    foreach (var r in set5)
                    {
                        cut.SetCoefficient(slack[r], 1);
                    }
                    for (var c = 0; c < columns.Count; c++)
                    {
                        var k = columns[c].Rows.Count(set5.Contains);
                        if (k > 0)
                        {
                            cut.SetCoefficient(columns[c].Var, (k + 1) / 2);
                        }
                    }
                    addedFive++;
                }
                if (addedFive > 0)
                {
                    cutCount += addedFive;
                    lp.Solve();
                    Console.WriteLine($"  round {round}: {five.Count} violated five-sets, {addedFive} added ({cutCount} in all), max violation {five.Max(f => f.Violation):0.000}; LP {objective.Value():0.0} ({watch.Elapsed.TotalSeconds:0.0} s)");
                    continue;
                }
            }
            if (found.Count == 0)
            {
                Console.WriteLine($"  round {round}: no violated cut");
                break;
            }
            var use = new Dictionary<int, int>();
            var added = 0;
            foreach (var (key, violation) in found.OrderByDescending(f => f.Value))
            {
                if (added >= perRound)
                {
                    break;
                }
                var (r1, r2, r3) = key;
                if (use.GetValueOrDefault(r1) >= 2 || use.GetValueOrDefault(r2) >= 2 || use.GetValueOrDefault(r3) >= 2)
                {
                    continue;
                }
                use[r1] = use.GetValueOrDefault(r1) + 1;
                use[r2] = use.GetValueOrDefault(r2) + 1;
                use[r3] = use.GetValueOrDefault(r3) + 1;
                var cut = lp.MakeConstraint(2, double.PositiveInfinity, "");
                foreach (var r in new[] { r1, r2, r3 })
                {
                    cut.SetCoefficient(slack[r], 1);
                }
                for (var c = 0; c < columns.Count; c++)
                {
                    var k = 0;
                    foreach (var r in columns[c].Rows)
                    {
                        if (r == r1 || r == r2 || r == r3)
                        {
                            k++;
                        }
                    }
                    if (k > 0)
                    {
                        cut.SetCoefficient(columns[c].Var, (k + 1) / 2);
                    }
                }
                added++;
            }
            cutCount += added;
            lp.Solve();
            var best = found.MaxBy(f => f.Value);
            var (b1, b2, b3) = best.Key;
            Console.WriteLine($"  round {round}: {found.Count} violated, {added} added ({cutCount} in all), max violation {best.Value:0.000} at {Row(b1)} {Row(b2)} {Row(b3)}; LP {objective.Value():0.0} ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        string Row(int r) => $"{problem.Sites[sites[r / periods]].Id}@{r % periods}";
    }

    private static (int, int, int) Sorted(int a, int b, int c)
    {
        int[] s = [a, b, c];
        Array.Sort(s);
        return (s[0], s[1], s[2]);
    }
}
