namespace Vigil.Planning;

/// <summary>
/// Whole kilometres between sites (<see cref="Geo.Kilometres(Site, Site)"/>), by site index: <c>table[a, b]</c>.
/// Up to <see cref="DenseLimit"/> sites every pair is computed at once into one flat array (as fast to read as a
/// matrix). Above it (a problem file may hold 10,000 sites), a table of every pair would take 400 MB and a minute to
/// fill before planning starts, so rows are computed when first read, and only over the sites an officer can move
/// between: the site's mission when cross-mission moves are off. A pair across missions is then computed each time
/// it is asked (only the validator-like paths ask). Safe to read from several threads: a row computed twice is the
/// same row.
/// </summary>
internal sealed class DistanceTable
{
    /// <summary>The most sites whose pairs are all computed up front (4 million pairs, 16 MB).</summary>
    public const int DenseLimit = 2048;

    private readonly IReadOnlyList<Site> _sites;
    private readonly int _count;
    private readonly int[]? _dense;
    private readonly int[][]? _members; // lazy mode: the sites of each group, ascending
    private readonly int[]? _group;     // lazy mode: each site's group
    private readonly int[]? _position;  // lazy mode: each site's position in its group
    private readonly int[]?[]? _rows;   // lazy mode: each site's row over its group, once read

    public DistanceTable(RotationProblem problem, CancellationToken cancellationToken = default)
    {
        _sites = problem.Sites;
        _count = _sites.Count;
        if (_count <= DenseLimit)
        {
            _dense = new int[_count * _count];
            for (var a = 0; a < _count; a++)
            {
                if ((a & 63) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                for (var b = a + 1; b < _count; b++)
                {
                    _dense[(a * _count) + b] = _dense[(b * _count) + a] = Geo.Kilometres(_sites[a], _sites[b]);
                }
            }
            return;
        }
        var groups = problem.Rules.CrossMissionMoves
            ? [Enumerable.Range(0, _count).ToArray()]
            : Enumerable.Range(0, _count).GroupBy(s => _sites[s].Mission, StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        _members = groups;
        _group = new int[_count];
        _position = new int[_count];
        for (var g = 0; g < groups.Length; g++)
        {
            for (var k = 0; k < groups[g].Length; k++)
            {
                _group[groups[g][k]] = g;
                _position[groups[g][k]] = k;
            }
        }
        _rows = new int[_count][];
    }

    /// <summary>The number of sites.</summary>
    public int Count => _count;

    /// <summary>Whole kilometres from site <paramref name="a"/> to site <paramref name="b"/> (0 for a site to itself).</summary>
    public int this[int a, int b]
    {
        get
        {
            if (_dense is { } dense)
            {
                return dense[(a * _count) + b];
            }
            if (_group![a] != _group[b])
            {
                return Geo.Kilometres(_sites[a], _sites[b]);
            }
            var row = Volatile.Read(ref _rows![a]) ?? Row(a);
            return row[_position![b]];
        }
    }

    private int[] Row(int a)
    {
        var members = _members![_group![a]];
        var row = new int[members.Length];
        for (var k = 0; k < members.Length; k++)
        {
            row[k] = members[k] == a ? 0 : Geo.Kilometres(_sites[a], _sites[members[k]]);
        }
        Volatile.Write(ref _rows![a], row);
        return row;
    }
}
