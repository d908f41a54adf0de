using Google.OrTools.Graph;

namespace Vigil.Planning;

/// <summary>One period's shortfall that no plan avoids, and the sites that cause it.</summary>
/// <param name="Period">The period.</param>
/// <param name="Missing">Officer-postings no plan can fill in that period.</param>
/// <param name="Sites">Sites whose required postings outnumber the officers who may serve at any of them (Hall's
/// condition broken): the smallest such set the cut finds.</param>
/// <param name="Required">Postings those sites require together.</param>
/// <param name="Officers">Officers available that period who may serve at any of those sites.</param>
internal sealed record PeriodShortfall(int Period, int Missing, IReadOnlyList<int> Sites, int Required, IReadOnlyList<int> Officers);

/// <summary>
/// The fewest uncovered officer-postings any plan can have, period by period: a maximum matching of the officers
/// available (not on leave) to the postings sites require, over who may serve where (conflicts of interest, the
/// mission, pinned postings, sites left too recently). Counting officers against postings misses a site only a few
/// officers may serve when those few are on leave; the matching does not. It drops the rules that tie periods
/// together (tenure, moves), so it is a lower bound: a plan at it is at the minimum.
/// </summary>
internal static class CoverageBound
{
    /// <summary>The shortfall of each period that has one, for one group of officers and sites (a mission, or all).</summary>
    public static List<PeriodShortfall> Shortfalls(PlanningIndex index, IReadOnlyList<int> officers, IReadOnlyList<int> sites)
    {
        var problem = index.Problem;
        var siteNode = new Dictionary<int, int>(sites.Count);
        for (var j = 0; j < sites.Count; j++)
        {
            siteNode[sites[j]] = 1 + j;
        }
        var result = new List<PeriodShortfall>();
        var required = sites.Sum(s => problem.Sites[s].RequiredOfficers);
        if (required == 0)
        {
            return result;
        }
        for (var t = 0; t < problem.Periods; t++)
        {
            // Nodes: 0 source, 1..S sites, S+1..S+O officers, last the sink. Source → site (its required postings),
            // site → officer who may serve there this period (1), officer → sink (1).
            var sink = 1 + sites.Count + officers.Count;
            using var flow = new MaxFlow();
            var siteArcs = new int[sites.Count];
            for (var j = 0; j < sites.Count; j++)
            {
                siteArcs[j] = flow.AddArcWithCapacity(0, 1 + j, problem.Sites[sites[j]].RequiredOfficers);
            }
            var edges = new List<(int Arc, int Site, int Officer)>();
            for (var i = 0; i < officers.Count; i++)
            {
                var o = officers[i];
                if (index.OnLeave[o][t])
                {
                    continue;
                }
                var officerNode = 1 + sites.Count + i;
                flow.AddArcWithCapacity(officerNode, sink, 1);
                var pin = index.Pins[o][t];
                foreach (var s in index.Eligible[o])
                {
                    if (!siteNode.TryGetValue(s, out var node) || (pin >= 0 && pin != s)
                        || (index.Earliest[o].TryGetValue(s, out var earliest) && t < earliest))
                    {
                        continue;
                    }
                    edges.Add((flow.AddArcWithCapacity(node, officerNode, 1), node - 1, i));
                }
            }
            if (flow.Solve(0, sink) != MaxFlow.Status.OPTIMAL)
            {
                throw new InvalidOperationException("The maximum flow of a bipartite graph did not solve.");
            }
            var missing = required - (int)flow.OptimalFlow();
            if (missing <= 0)
            {
                continue;
            }

            // Hall's violator: the sites reachable from the source in the residual graph (every unfilled one among
            // them). Every officer they may use is filled by one of them (else the flow would grow), so together they
            // require `missing` more postings than there are officers who may serve at any of them.
            var siteReached = new bool[sites.Count];
            var officerReached = new bool[officers.Count];
            var queue = new Queue<int>();
            for (var j = 0; j < sites.Count; j++)
            {
                if (flow.Flow(siteArcs[j]) < problem.Sites[sites[j]].RequiredOfficers)
                {
                    siteReached[j] = true;
                    queue.Enqueue(j);
                }
            }
            var bySite = edges.ToLookup(e => e.Site);
            var byOfficer = edges.ToLookup(e => e.Officer);
            while (queue.Count > 0)
            {
                var j = queue.Dequeue();
                foreach (var (arc, _, i) in bySite[j])
                {
                    if (officerReached[i] || flow.Flow(arc) > 0)
                    {
                        continue;
                    }
                    officerReached[i] = true;
                    // The officer is filled by another site; through that posting the residual graph reaches it.
                    foreach (var (back, other, _) in byOfficer[i])
                    {
                        if (flow.Flow(back) > 0 && !siteReached[other])
                        {
                            siteReached[other] = true;
                            queue.Enqueue(other);
                        }
                    }
                }
            }
            var violating = Enumerable.Range(0, sites.Count).Where(j => siteReached[j]).Select(j => sites[j]).ToList();
            result.Add(new PeriodShortfall(
                t, missing, violating, violating.Sum(s => problem.Sites[s].RequiredOfficers),
                [.. edges.Where(e => siteReached[e.Site] && flow.Flow(e.Arc) > 0).Select(e => officers[e.Officer]).Order()]));
        }
        return result;
    }
}
