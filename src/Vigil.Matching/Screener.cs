namespace Vigil.Matching;

/// <summary>Options of a screening run. Immutable.</summary>
public sealed record ScreeningOptions
{
    /// <summary>
    /// The default threshold, chosen on the project's benchmark (docs/screening.md) to favour recall:
    /// a missed match costs far more than an officer's time on a false alarm.
    /// </summary>
    public const double DefaultThreshold = 0.65;

    /// <summary>Candidates scoring at or above this are kept; in [0, 1]. Default <see cref="DefaultThreshold"/>.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>
    /// The day of the run (from the caller's clock), or null: given, a date of birth that is not plausible that day
    /// (see <see cref="CandidateScorer(NameComparer, DateOnly?)"/>) is set aside and said so in the reasons.
    /// </summary>
    public DateOnly? ScreeningDate { get; init; }

    /// <summary>Threads to use; null for all processors.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>Screens a whole roster against a registry.</summary>
public static class Screener
{
    /// <summary>
    /// Every candidate at or above the threshold for every person on <paramref name="roster"/>,
    /// ordered by person id (ordinal), then score descending, then record id (ordinal). Word
    /// frequencies are taken from the registry and the roster together.
    /// </summary>
    /// <param name="roster">The people to screen.</param>
    /// <param name="registry">The records of prior misconduct.</param>
    /// <param name="options">Threshold and parallelism.</param>
    /// <param name="progress">Told the number of people screened so far, now and then; may be null.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="ArgumentNullException">A list, an item of it, or the options are null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is outside [0, 1].</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static IReadOnlyList<ScreeningCandidate> Screen(
        IReadOnlyList<ScreeningSubject> roster,
        IReadOnlyList<ScreeningSubject> registry,
        ScreeningOptions options,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threshold, "The threshold must be in [0, 1].");
        }
        var frequencies = NamePartFrequencies.Build(registry.Concat(roster).Select(s => (s ?? throw new ArgumentNullException(nameof(roster), "A subject is null.")).Names.AsEnumerable()));
        var index = new ScreeningIndex(registry, new CandidateScorer(new NameComparer(frequencies), options.ScreeningDate));
        var results = new IReadOnlyList<ScreeningCandidate>[roster.Count];
        var done = 0;
        Parallel.For(
            0,
            roster.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 },
            i =>
            {
                results[i] = index.Screen(roster[i], options.Threshold);
                var n = Interlocked.Increment(ref done);
                if (progress is not null && (n % 500 == 0 || n == roster.Count))
                {
                    progress.Report(n);
                }
            });
        var order = Enumerable.Range(0, roster.Count).OrderBy(i => roster[i].Id, StringComparer.Ordinal);
        return [.. order.SelectMany(i => results[i])];
    }
}
