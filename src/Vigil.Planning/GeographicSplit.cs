using Google.OrTools.Sat;

namespace Vigil.Planning;

/// <summary>
/// Plans a large component (above mission size) by splitting it geographically: its sites are cut into clusters by
/// recursive bisection on latitude and longitude, balanced by required postings; each officer joins one cluster
/// (see <see cref="Assign"/>, which may also move boundary sites: coverage in every period first, then the least cost);
/// each cluster is planned as a problem of its own by the planner; the plans are joined. The join is always valid:
/// the hard rules bind each officer alone, and an officer is only posted at its cluster's sites. The split only
/// produces plans: the component's bound stays the whole component's. Off by default (measured no better than
/// planning the component whole: docs/rotation.md, "Geographic split").
/// </summary>
internal static class GeographicSplit
{
    private static readonly TimeSpan MinClusterTime = TimeSpan.FromSeconds(0.3);

    /// <summary>Sites an officer must be allowed at in a cluster to join it (tenure and no early return need three).</summary>
    private const int MinSitesOpen = 4;

    /// <summary>Clusters for a component of this many officers (1: no split).</summary>
    public static int ClusterCount(int officers, int perCluster) => Math.Max(1, (int)Math.Round(officers / (double)Math.Max(1, perCluster)));

    /// <summary>Cuts the sites into <paramref name="k"/> clusters by recursive bisection along the wider axis, balanced by requirement.</summary>
    public static int[][] ClusterSites(RotationProblem problem, int[] sites, int k)
    {
        if (k <= 1 || sites.Length <= 1)
        {
            return [sites];
        }
        var k1 = k / 2;
        var latitudes = sites.Select(s => problem.Sites[s].Latitude).ToArray();
        var longitudes = sites.Select(s => problem.Sites[s].Longitude).ToArray();
        var cosine = Math.Cos(latitudes.Average() * Math.PI / 180);
        var alongLat = latitudes.Max() - latitudes.Min() >= (longitudes.Max() - longitudes.Min()) * cosine;
        // Ties broken by id so that the cut does not depend on the input order.
        var sorted = sites.OrderBy(s => alongLat ? problem.Sites[s].Latitude : problem.Sites[s].Longitude)
            .ThenBy(s => problem.Sites[s].Id, StringComparer.Ordinal).ToArray();
        // Each site weighs its requirement (at least a little, so that sites wanting nobody still spread).
        double Weight(int s) => Math.Max(0, problem.Sites[s].RequiredOfficers) + 0.01;
        var total = sorted.Sum(Weight);
        var target = total * k1 / k;
        var cut = 0;
        var sum = 0.0;
        while (cut < sorted.Length - 1 && sum + (Weight(sorted[cut]) / 2) < target)
        {
            sum += Weight(sorted[cut]);
            cut++;
        }
        cut = Math.Clamp(cut, 1, sorted.Length - 1);
        return [.. ClusterSites(problem, sorted[..cut], k1), .. ClusterSites(problem, sorted[cut..], k - k1)];
    }

    /// <summary>
    /// The clusters' sites and each officer's cluster (positions in <paramref name="officers"/>), or null when the
    /// split cannot keep the rules (pins in two clusters, an officer with too few sites open in any cluster). Starts
    /// from <see cref="ClusterSites"/>, then a small CP-SAT model chooses together where each site goes (its own
    /// cluster or the one whose centre is nearest after it) and where each officer goes: in every period each cluster
    /// has officers off leave for its required postings (each missing one costs the uncovered weight) and its share of
    /// the spare ones; each site, in every period, its requirement of officers off leave allowed there, and over the
    /// horizon three times it (rotation needs several); then the least cost: an officer's arrival (nothing where it is
    /// posted now, else a move and the kilometres to the cluster's centre), half its share of language gaps, twice
    /// each site's kilometres to its cluster's centre. Balancing officers alone against fixed clusters left clusters
    /// officer-periods short on mission-60 (leave is uneven over periods).
    /// </summary>
    public static (int[][] Sites, int[] Officers)? Assign(PlanningIndex index, int[] officers, int[] sites, int k, PlannerOptions options)
    {
        var problem = index.Problem;
        var initial = ClusterSites(problem, sites, k);
        k = initial.Length;
        var periods = problem.Periods;
        var weights = problem.Rules.Weights;
        var wU = Math.Max(1, weights.Uncovered);
        var home = new Dictionary<int, int>();
        for (var c = 0; c < k; c++)
        {
            foreach (var s in initial[c])
            {
                home[s] = c;
            }
        }
        double Weight(int s) => Math.Max(0, problem.Sites[s].RequiredOfficers) + 0.01;
        var centres = initial.Select(cluster => (
            Lat: cluster.Sum(s => problem.Sites[s].Latitude * Weight(s)) / cluster.Sum(Weight),
            Lon: cluster.Sum(s => problem.Sites[s].Longitude * Weight(s)) / cluster.Sum(Weight))).ToArray();
        int ToCentre(int s, int c) => Geo.Kilometres(problem.Sites[s].Latitude, problem.Sites[s].Longitude, centres[c].Lat, centres[c].Lon);
        // Sites some officer is pinned at stay in their first cluster, and so do those officers.
        var pinnedSites = Enumerable.Range(0, officers.Length).SelectMany(i => index.Pins[officers[i]]).Where(s => s >= 0).ToHashSet();
        var model = new CpModel();
        var objective = LinearExpr.NewBuilder();
        var y = new Dictionary<(int S, int C), BoolVar>();
        foreach (var s in sites)
        {
            var own = home[s];
            var candidates = pinnedSites.Contains(s) || k == 1 ? [own]
                : new[] { own, Enumerable.Range(0, k).Where(c => c != own).MinBy(c => ToCentre(s, c)) };
            foreach (var c in candidates)
            {
                var v = y[(s, c)] = model.NewBoolVar("");
                objective.AddTerm(v, 2 * weights.TravelKm * ToCentre(s, c));
                model.AddHint(v, c == own);
            }
            model.AddExactlyOne(candidates.Select(c => (ILiteral)y[(s, c)]));
        }
        var x = new BoolVar?[officers.Length, k];
        for (var i = 0; i < officers.Length; i++)
        {
            var o = officers[i];
            var pinned = index.Pins[o].Where(s => s >= 0).Select(s => home.GetValueOrDefault(s, -1)).Distinct().ToArray();
            if (pinned.Length > 1 || pinned.Contains(-1) || index.Pins[o].Contains(PlanningIndex.ConflictingPins))
            {
                return null;
            }
            var officer = problem.Officers[o];
            var current = index.Current[o];
            var choices = new List<ILiteral>();
            for (var c = 0; c < k; c++)
            {
                var open = index.Eligible[o].Where(s => y.ContainsKey((s, c))).ToArray();
                if (open.Length < MinSitesOpen || (pinned.Length == 1 && pinned[0] != c))
                {
                    continue;
                }
                var v = model.NewBoolVar("");
                x[i, c] = v;
                choices.Add(v);
                // Enough sites open to the officer must end up in its cluster.
                model.AddLinearConstraint(LinearExpr.NewBuilder().AddSum(open.Select(s => (ILiteral)y[(s, c)])).AddTerm(v, -MinSitesOpen), 0, long.MaxValue);
                var gaps = open.Count(s => Rules.HasLanguageGap(problem.Sites[s], officer)) / (double)open.Length;
                objective.AddTerm(v, (long)Math.Round(gaps * weights.LanguageGap * periods / 2));
                if (current >= 0)
                {
                    var arrive = weights.Move + (weights.TravelKm * ToCentre(current, c));
                    objective.AddTerm(v, arrive);
                    if (y.TryGetValue((current, c), out var there))
                    {
                        // Staying in the cluster of its current site costs no arrival.
                        var both = model.NewBoolVar("");
                        model.AddImplication(both, v);
                        model.AddImplication(both, there);
                        objective.AddTerm(both, -arrive);
                    }
                }
            }
            if (choices.Count == 0)
            {
                return null;
            }
            model.AddExactlyOne(choices);
        }
        // Hint: officers shared out in proportion to the first clusters' requirements, each choosing (those who lose
        // most by not getting their first choice first) the cluster of its current site, else the nearest. Without
        // it CP-SAT's first plans in its few seconds put half as many officers as postings in a cluster.
        var capacity = Capacities(officers.Length, [.. initial.Select(cluster => cluster.Sum(s => (double)Math.Max(0, problem.Sites[s].RequiredOfficers)))]);
        double Preference(int i, int c) => x[i, c] is null ? double.PositiveInfinity
            : index.Current[officers[i]] < 0 ? 0
            : home.GetValueOrDefault(index.Current[officers[i]], -1) == c ? 0 : ToCentre(index.Current[officers[i]], c) + 1;
        double Regret(int i)
        {
            var sorted = Enumerable.Range(0, k).Select(c => Math.Min(1e9, Preference(i, c))).Order().ToArray();
            return sorted.Length < 2 ? 0 : sorted[1] - sorted[0];
        }
        foreach (var i in Enumerable.Range(0, officers.Length).OrderByDescending(Regret).ThenBy(i => i))
        {
            var choice = Enumerable.Range(0, k).Where(c => x[i, c] is not null)
                .OrderBy(c => capacity[c] > 0 ? 0 : 1).ThenBy(c => Preference(i, c)).ThenBy(c => c).First();
            capacity[choice]--;
            for (var c = 0; c < k; c++)
            {
                if (x[i, c] is { } v)
                {
                    model.AddHint(v, c == choice);
                }
            }
        }
        void AtLeast(IEnumerable<int> members, int c, IEnumerable<(int S, long Required)> demand, long penalty)
        {
            var expression = LinearExpr.NewBuilder();
            var upper = 0L;
            foreach (var i in members)
            {
                if (x[i, c] is { } v)
                {
                    expression.Add(v);
                }
            }
            foreach (var (s, required) in demand)
            {
                if (required > 0 && y.TryGetValue((s, c), out var v))
                {
                    expression.AddTerm(v, -required);
                    upper += required;
                }
            }
            if (upper == 0)
            {
                return;
            }
            var shortfall = model.NewIntVar(0, upper, "");
            objective.AddTerm(shortfall, penalty);
            model.AddLinearConstraint(expression.Add(shortfall), 0, long.MaxValue);
        }
        var demandAll = sites.Sum(s => (long)Math.Max(0, problem.Sites[s].RequiredOfficers));
        for (var t = 0; t < periods; t++)
        {
            var available = Enumerable.Range(0, officers.Length).Where(i => !index.OnLeave[officers[i]][t]).ToArray();
            // The component's spare officers in this period, shared by requirement (a fraction per required posting).
            var spare = demandAll == 0 ? 0 : Math.Max(0, available.Length - demandAll) / (double)demandAll;
            for (var c = 0; c < k; c++)
            {
                AtLeast(available, c, sites.Select(s => (s, (long)Math.Max(0, problem.Sites[s].RequiredOfficers))), wU);
                // Spare officers counted in twentieths of a posting.
                var expression = LinearExpr.NewBuilder();
                foreach (var i in available)
                {
                    if (x[i, c] is { } v)
                    {
                        expression.AddTerm(v, 20);
                    }
                }
                var upper = 0L;
                foreach (var s in sites)
                {
                    var want = (long)Math.Round(20 * (1 + spare) * Math.Max(0, problem.Sites[s].RequiredOfficers));
                    if (want > 0 && y.TryGetValue((s, c), out var v))
                    {
                        expression.AddTerm(v, -want);
                        upper += want;
                    }
                }
                if (upper > 0)
                {
                    var shortfall = model.NewIntVar(0, upper, "");
                    objective.AddTerm(shortfall, Math.Max(1, wU / 400));
                    model.AddLinearConstraint(expression.Add(shortfall), 0, long.MaxValue);
                }
                foreach (var s in sites)
                {
                    var allowed = available.Where(i => index.Eligible[officers[i]].Contains(s) && index.StaticallyAllowed(officers[i], t, s));
                    AtLeast(allowed, c, [(s, Math.Max(0, problem.Sites[s].RequiredOfficers))], wU);
                }
            }
        }
        for (var c = 0; c < k; c++)
        {
            foreach (var s in sites)
            {
                AtLeast(Enumerable.Range(0, officers.Length).Where(i => index.Eligible[officers[i]].Contains(s)), c,
                    [(s, 3L * Math.Max(0, problem.Sites[s].RequiredOfficers))], wU / 10);
            }
        }
        model.Minimize(objective);
        using var solver = new CpSolver();
        solver.StringParameters = string.Join(' ',
            $"num_workers:{Math.Max(1, options.Threads)}",
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"max_time_in_seconds:{options.SplitAssignmentLimit.TotalSeconds}"),
            "relative_gap_limit:0.05",
            $"random_seed:{options.RandomSeed}");
        var status = solver.Solve(model);
        options.Trace?.Invoke($"split assignment: {status} objective {solver.ObjectiveValue} bound {solver.BestObjectiveBound} in {solver.WallTime():0.00} s");
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return null;
        }
        var assigned = new int[officers.Length];
        for (var i = 0; i < officers.Length; i++)
        {
            assigned[i] = Enumerable.Range(0, k).First(c => x[i, c] is { } v && solver.BooleanValue(v));
        }
        int[][] clusters = [.. Enumerable.Range(0, k).Select(c => sites.Where(s => y.TryGetValue((s, c), out var v) && solver.BooleanValue(v)).ToArray())];
        return (clusters, assigned);
    }

    /// <summary>Officers per cluster in proportion to demand (largest remainders).</summary>
    private static int[] Capacities(int officers, double[] demand)
    {
        var total = demand.Sum();
        var k = demand.Length;
        var exact = demand.Select(d => total <= 0 ? officers / (double)k : officers * d / total).ToArray();
        var capacity = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var c in Enumerable.Range(0, k).OrderByDescending(c => exact[c] - capacity[c]).Take(officers - capacity.Sum()))
        {
            capacity[c]++;
        }
        return capacity;
    }

    /// <summary>
    /// The problem of one cluster: its sites and officers, their pins; an officer's current site outside the cluster
    /// is kept as a placeholder wanting nobody where every officer of the cluster has a conflict of interest (so nobody
    /// is posted there), so that the move out of it costs exactly
    /// what it costs in the whole problem; recent sites outside the problem are dropped (they only bar returns there).
    /// </summary>
    public static RotationProblem SubProblem(RotationProblem problem, int[] officers, int[] sites)
    {
        var inside = sites.Select(s => problem.Sites[s].Id).ToHashSet(StringComparer.Ordinal);
        string[] nationalities = [.. officers.Select(o => problem.Officers[o].Nationality).Distinct(StringComparer.Ordinal)];
        var placeholders = officers.Select(o => problem.Officers[o].CurrentSite)
            .OfType<string>().Where(id => !inside.Contains(id)).Distinct(StringComparer.Ordinal)
            .Select(id => problem.Sites[problem.SiteIndex(id)] with { RequiredOfficers = 0, Languages = [], ContingentNationalities = nationalities })
            .ToList();
        var known = inside.Concat(placeholders.Select(p => p.Id)).ToHashSet(StringComparer.Ordinal);
        var ids = officers.Select(o => problem.Officers[o].Id).ToHashSet(StringComparer.Ordinal);
        return new RotationProblem(
            problem.Horizon,
            problem.Rules with { CrossMissionMoves = false },
            [.. sites.Select(s => problem.Sites[s]), .. placeholders],
            [.. officers.Select(o => problem.Officers[o] with { RecentSites = [.. problem.Officers[o].RecentSites.Where(r => known.Contains(r.SiteId))] })],
            [.. problem.Pinned.Where(p => ids.Contains(p.OfficerId))]);
    }

    /// <summary>
    /// Plans the component split into <paramref name="k"/> clusters, one after the other, the time shared by their
    /// officers (time a cluster leaves over passes on); returns the joined schedules (component order), or null when
    /// the split cannot keep the rules or a cluster gets no plan.
    /// </summary>
    public static int[][]? Plan(PlanningIndex index, int[] officers, int[] sites, int k, TimeSpan timeLimit, PlannerOptions options,
        CancellationToken cancellationToken)
    {
        var problem = index.Problem;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (Assign(index, officers, sites, k, options) is not var (clusters, assigned))
        {
            return null;
        }
        var joined = new int[officers.Length][];
        var remainingOfficers = officers.Length;
        for (var c = 0; c < clusters.Length; c++)
        {
            int[] members = [.. Enumerable.Range(0, officers.Length).Where(i => assigned[i] == c)];
            if (members.Length == 0)
            {
                continue;
            }
            var left = timeLimit - clock.Elapsed;
            // A small cluster still gets a few tenths of a second (its greedy plan and schedule search need little).
            var share = TimeSpan.FromTicks(Math.Min(left.Ticks, Math.Max(MinClusterTime.Ticks, (left * (members.Length / (double)remainingOfficers)).Ticks)));
            remainingOfficers -= members.Length;
            if (share < TimeSpan.FromSeconds(0.1) || cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            var sub = SubProblem(problem, [.. members.Select(i => officers[i])], clusters[c]);
            var plan = RotationPlanner.Plan(sub, options with { TimeLimit = share, Progress = null, ComponentReport = null, GeographicSplit = false }, cancellationToken);
            options.Trace?.Invoke($"cluster {c + 1}/{clusters.Length}: {members.Length} officers, {clusters[c].Length} sites, {plan.Status} objective {plan.Objective} bound {plan.Bound} in {plan.SolveSeconds:0.0} s; {string.Join("; ", plan.Warnings)}");
            if (plan.Postings.Count == 0)
            {
                return null;
            }
            var byOfficer = plan.Postings.GroupBy(p => p.OfficerId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderBy(p => p.Period).Select(p => problem.SiteIndex(p.SiteId)).ToArray(), StringComparer.Ordinal);
            foreach (var i in members)
            {
                joined[i] = byOfficer[problem.Officers[officers[i]].Id];
            }
        }
        return joined.Any(s => s is null) ? null : joined;
    }
}
