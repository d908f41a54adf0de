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
internal sealed record ComponentSummary(string Name, int Officers, int Sites, long Objective, long Bound, double Seconds, string FoundBy, double FoundAt);

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
    }

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
    public void Spend(int c, TimeSpan time) => _spent[c] += time;

    /// <summary>The per-component summaries, in component order.</summary>
    public IReadOnlyList<ComponentSummary> Summaries(IReadOnlyList<(string Name, int Officers, int Sites)> components) =>
        [.. components.Select((k, c) => new ComponentSummary(k.Name, k.Officers, k.Sites, Best[c], Math.Min(Best[c], Bound[c]), _spent[c].TotalSeconds, _foundBy[c], _foundAt[c]))];
}
