using System.Diagnostics;

namespace Vigil.Planning;

/// <summary>One component's outcome, for the benchmark's per-component report (not part of the plan file).</summary>
/// <param name="Name">The component (a mission, or "all missions").</param>
/// <param name="Officers">Its officers.</param>
/// <param name="Sites">Its sites.</param>
/// <param name="Objective">Its plan's objective (stability included when re-planning).</param>
/// <param name="Bound">Its proven lower bound.</param>
/// <param name="Seconds">Wall-clock seconds spent on it, both passes.</param>
/// <param name="FoundBy">The phase that last lowered its objective ("greedy" when none did).</param>
/// <param name="FoundAt">Seconds since planning started when that happened.</param>
/// <param name="Passes">Per pass (first, second): the seconds it was given, the seconds it took, and its objective and
/// bound at the end of that pass (the second pass's are the final ones; zero seconds given when it did not run there).</param>
internal sealed record ComponentSummary(string Name, int Officers, int Sites, long Objective, long Bound, double Seconds, string FoundBy, double FoundAt,
    IReadOnlyList<PassSummary> Passes);

/// <summary>One component's time and result in one pass (see <see cref="ComponentSummary"/>).</summary>
internal sealed record PassSummary(double Given, double Seconds, long Objective, long Bound);

/// <summary>
/// Keeps the components' best objectives and bounds, reports progress over the whole problem, and remembers which
/// phase found each component's plan and how long each took (what the per-component report shows).
/// </summary>
internal sealed class ComponentLedger
{
    private readonly PlannerOptions _options;
    private readonly Stopwatch _clock;
    private readonly long _constant;
    private readonly long[] _last;
    private readonly string[] _foundBy;
    private readonly double[] _foundAt;
    private readonly TimeSpan[] _spent;
    private readonly TimeSpan[,] _givenIn;
    private readonly TimeSpan[,] _spentIn;
    private long[]? _firstBest;
    private long[]? _firstBound;
    private readonly Lock _gate = new();

    public ComponentLedger(PlannerOptions options, Stopwatch clock, long constant, long[] best, long[] bound)
    {
        _options = options;
        _clock = clock;
        _constant = constant;
        Best = best;
        Bound = bound;
        _last = (long[])best.Clone();
        _foundBy = [.. best.Select(_ => "greedy")];
        _foundAt = new double[best.Length];
        _spent = new TimeSpan[best.Length];
        _givenIn = new TimeSpan[best.Length, 2];
        _spentIn = new TimeSpan[best.Length, 2];
    }

    private int Pass => _firstBest is null ? 0 : 1;

    /// <summary>Each component's best objective so far (written by the planner).</summary>
    public long[] Best { get; }

    /// <summary>Each component's best proven bound so far (written by the planner).</summary>
    public long[] Bound { get; }

    /// <summary>Reports progress; when component <paramref name="c"/>'s best fell since the last call, credits <paramref name="stage"/>.</summary>
    public void Publish(int c, string stage)
    {
        lock (_gate)
        {
            if (Best[c] < _last[c])
            {
                _last[c] = Best[c];
                var phase = stage.LastIndexOf(": ", StringComparison.Ordinal);
                _foundBy[c] = stage.StartsWith("second pass", StringComparison.Ordinal) ? "second pass"
                    : phase >= 0 ? stage[(phase + 2)..] : "final search";
                _foundAt[c] = _clock.Elapsed.TotalSeconds;
            }
        }
        _options.Progress?.Report(new PlanProgress(_clock.Elapsed.TotalSeconds, _constant + Best.Sum(), _constant + Bound.Sum(), stage));
    }

    /// <summary>Adds time spent on component <paramref name="c"/>.</summary>
    public void Spend(int c, TimeSpan time)
    {
        lock (_gate)
        {
            _spent[c] += time;
            _spentIn[c, Pass] += time;
        }
    }

    /// <summary>Records the time component <paramref name="c"/> was given in the current pass.</summary>
    public void Give(int c, TimeSpan time)
    {
        lock (_gate)
        {
            _givenIn[c, Pass] += time;
        }
    }

    /// <summary>Ends the first pass: its objectives and bounds are kept for the report, and time counts to the second.</summary>
    public void EndFirstPass()
    {
        lock (_gate)
        {
            _firstBest = (long[])Best.Clone();
            _firstBound = (long[])Bound.Clone();
        }
    }

    /// <summary>The per-component summaries, in component order.</summary>
    public IReadOnlyList<ComponentSummary> Summaries(IReadOnlyList<(string Name, int Officers, int Sites)> components) =>
        [.. components.Select((k, c) => new ComponentSummary(k.Name, k.Officers, k.Sites, Best[c], Math.Min(Best[c], Bound[c]), _spent[c].TotalSeconds, _foundBy[c], _foundAt[c],
            [
                new PassSummary(_givenIn[c, 0].TotalSeconds, _spentIn[c, 0].TotalSeconds, (_firstBest ?? Best)[c], Math.Min((_firstBest ?? Best)[c], (_firstBound ?? Bound)[c])),
                new PassSummary(_givenIn[c, 1].TotalSeconds, _spentIn[c, 1].TotalSeconds, Best[c], Math.Min(Best[c], Bound[c])),
            ]))];
}
