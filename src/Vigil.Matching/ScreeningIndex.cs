using System.Collections.Immutable;

namespace Vigil.Matching;

/// <summary>
/// An in-memory blocking index over the registry, so that a person is scored only against records
/// that share something with them, never against all. A record is a candidate for a person when one
/// of their names shares with one of the record's names:
/// <list type="bullet">
/// <item>two part keys (<see cref="NamePart.Key"/>), in any order; or</item>
/// <item>one part key, and a second key within one deletion of the other's (each side's key of three
/// codes or more with one code deleted, as in symmetric-delete spelling correction: catches a typo or
/// transliteration difference in the second word), unless more than 200 records share that near
/// pair; the same with the second word's own spelling key when it is in a variant family; and, when the
/// second key has one or two codes (which no code deletion can bridge), the second word's spelling
/// whole or with one letter deleted; or</item>
/// <item>the first codes of two words and the year of birth, unless more than 25 records share them
/// (a typo in each word); or</item>
/// <item>for a one-word name, its spelling within one deleted letter of any word of the record (or of
/// two adjacent words run together), unless more than 200 records share it, or the word after a joined
/// servant prefix (<c>Abdul Kumar</c>); or</item>
/// <item>one part key that is rare in the registry (held by at most <see cref="RareKeyLimit"/>
/// records), or the only part of a one-word name; or</item>
/// <item>an identifier; or</item>
/// <item>the same full date of birth, or the same with day and month swapped (about one record in
/// 15,000 shares a given date: a name with two typos in one word, which no name key catches, is still
/// compared when the date agrees).</item>
/// </list>
/// A name with another reading (<c>ض</c> read z as well as d) is keyed in both readings.
/// Keys are kept as 64-bit hashes (a rare collision only adds a candidate). Before any name is
/// compared, a candidate whose date of birth and nationality alone would keep even a perfect name
/// below the threshold is dropped (unless an identifier agrees): that bound is exact, so it loses no
/// match. Immutable once built; <see cref="Screen"/> is safe to call from several threads.
/// </summary>
public sealed class ScreeningIndex
{
    private readonly PostingTable _postings;
    private readonly Dictionary<string, int[]> _identifiers;
    private readonly CandidateScorer _scorer;
    // Packed (BirthDateComparison.Pack): read for every candidate, a few hundred per person.
    private readonly int[] _births;
    // Nationalities as small codes (0 unknown): comparing strings read from a file (separate instances) cost a
    // cache miss per candidate, a seventh of `vigil screen`'s CPU in a profile.
    private readonly int[] _nationalities;
    private readonly Dictionary<string, int> _nationalityCodes = new(StringComparer.Ordinal);

    /// <summary>Builds the index of <paramref name="registry"/>, scoring with <paramref name="scorer"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument, or an item of <paramref name="registry"/>, is null.</exception>
    public ScreeningIndex(IEnumerable<ScreeningSubject> registry, CandidateScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
        Records = [.. registry];
        _births = new int[Records.Length];
        _nationalities = new int[Records.Length];
        var identifiers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var r = 0; r < Records.Length; r++)
        {
            var record = Records[r] ?? throw new ArgumentNullException(nameof(registry), "The registry holds a null record.");
            _births[r] = scorer.PackRecord(record.BirthDate);
            if (record.Nationality is { } nationality)
            {
                if (!_nationalityCodes.TryGetValue(nationality, out var code))
                {
                    _nationalityCodes[nationality] = code = _nationalityCodes.Count + 1;
                }
                _nationalities[r] = code;
            }
            foreach (var identifier in record.Identifiers)
            {
                Add(identifiers, identifier, r);
            }
        }
        var records = Records;
        _postings = new PostingTable(Records.Length, r =>
        {
            var keys = _keyBuffer ??= [];
            keys.Clear();
            foreach (var written in records[r].Names)
            {
                // A name with another reading (ض read z) is keyed in both.
                for (var name = written; name is not null; name = ReferenceEquals(name, written) ? written.Alternative : null)
                {
                    ForEachKey(name, keys, static (list, key, _) => list.Add(key));
                    ForEachInitialsKey(name, records[r].BirthDate, keys, static (list, key) => list.Add(key));
                }
            }
            if (DateKey(records[r].BirthDate, swapped: false) is { } date)
            {
                keys.Add(date);
            }
            // Each key once per record: sorted, duplicates skipped.
            keys.Sort();
            var distinct = 0;
            for (var k = 0; k < keys.Count; k++)
            {
                distinct += k == 0 || keys[k] != keys[k - 1] ? 1 : 0;
            }
            var result = new ulong[distinct];
            for (int k = 0, n = 0; k < keys.Count; k++)
            {
                if (k == 0 || keys[k] != keys[k - 1])
                {
                    result[n++] = keys[k];
                }
            }
            return result;
        });
        _identifiers = identifiers.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Per-thread buffer for a record's keys while the index is built.</summary>
    [ThreadStatic]
    private static List<ulong>? _keyBuffer;

    /// <summary>The indexed records, in the order given.</summary>
    public ImmutableArray<ScreeningSubject> Records { get; }

    /// <summary>A single shared part key (of a name with several parts) makes a candidate only if at most this many records hold it: 25.</summary>
    public const int RareKeyLimit = 25;

    /// <summary>
    /// The records that score at or above <paramref name="threshold"/> against <paramref name="person"/>,
    /// highest score first (ties by record id, ordinal).
    /// </summary>
    /// <param name="person">The person to screen.</param>
    /// <param name="threshold">In [0, 1], inclusive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="person"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is outside [0, 1] or NaN.</exception>
    public IReadOnlyList<ScreeningCandidate> Screen(ScreeningSubject person, double threshold)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be in [0, 1].");
        }
        var scratch = Scratch.For(Records.Length);
        Collect(person, scratch);
        var results = new List<ScreeningCandidate>();
        // −1: a nationality no record has.
        var nationality = person.Nationality is null ? 0 : _nationalityCodes.GetValueOrDefault(person.Nationality, -1);
        var birth = _scorer.PackPerson(person.BirthDate);
        foreach (var r in scratch.Found)
        {
            var byIdentifier = scratch.Marks[r] == scratch.Stamp + 1;
            bool? nationalityAgrees = nationality == 0 || _nationalities[r] == 0 ? null : nationality == _nationalities[r];
            if (!byIdentifier && !CandidateScorer.CouldReach(birth, _births[r], nationalityAgrees, threshold))
            {
                continue;
            }
            // Records sharing an identifier with the person were all marked so by Collect.
            if (_scorer.Score(person, Records[r], threshold, mayShareIdentifier: byIdentifier) is { } candidate)
            {
                results.Add(candidate);
            }
        }
        results.Sort(static (x, y) =>
        {
            var c = y.Score.CompareTo(x.Score);
            return c != 0 ? c : string.CompareOrdinal(x.RecordId, y.RecordId);
        });
        return results;
    }

    /// <summary>
    /// The indexes (into <see cref="Records"/>) of the records that blocking selects for
    /// <paramref name="person"/>, before the date and nationality bound. For diagnostics and benchmarks.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="person"/> is null.</exception>
    public IReadOnlySet<int> Candidates(ScreeningSubject person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var scratch = Scratch.For(Records.Length);
        Collect(person, scratch);
        return scratch.Found.ToHashSet();
    }

    /// <summary>Two words' first codes and the year of birth make a candidate only if at most this many records share them.</summary>
    private const int InitialsLimit = 25;

    /// <summary>A near pair (one key exact, one within a deletion) this common says nothing the exact pairs do not.</summary>
    private const int NearPairLimit = 200;

    private enum KeyKind
    {
        Single,
        OnlySingle,
        Pair,
        NearPair,

        /// <summary>A one-word name's spelling within a deletion of a record's word: used unless too common.</summary>
        OneWordNear,

        /// <summary>Every word's spelling within a deletion, indexed for <see cref="OneWordNear"/> and never looked up by itself.</summary>
        WordNear,
    }

    /// <summary>Marks every blocked record in <paramref name="scratch"/> (identifier matches with stamp + 1) and lists it once.</summary>
    private void Collect(ScreeningSubject person, Scratch scratch)
    {
        scratch.Next();
        foreach (var identifier in person.Identifiers)
        {
            if (_identifiers.TryGetValue(identifier, out var records))
            {
                foreach (var r in records)
                {
                    if (scratch.Marks[r] < scratch.Stamp)
                    {
                        scratch.Found.Add(r);
                    }
                    scratch.Marks[r] = scratch.Stamp + 1;
                }
            }
        }
        Mark(DateKey(person.BirthDate, swapped: false), scratch);
        Mark(DateKey(person.BirthDate, swapped: true), scratch);
        foreach (var written in person.Names)
        {
            // A name with another reading (ض read z) is looked up in both; the loop runs once for every other name.
            for (var name = written; name is not null; name = ReferenceEquals(name, written) ? written.Alternative : null)
            {
                ForEachInitialsKey(name, person.BirthDate, (Index: this, Scratch: scratch), static (state, key) =>
                {
                    var records = state.Index._postings[key];
                    if (records.Length > InitialsLimit)
                    {
                        return;
                    }
                    List(records, state.Scratch);
                });
                ForEachKey(name, (Index: this, Scratch: scratch), static (state, key, kind) =>
                {
                    if (kind == KeyKind.WordNear)
                    {
                        return;
                    }
                    var records = state.Index._postings[key];
                    if (records.IsEmpty)
                    {
                        return;
                    }
                    var wanted = kind switch
                    {
                        KeyKind.Single => records.Length <= RareKeyLimit,
                        KeyKind.NearPair or KeyKind.OneWordNear => records.Length <= NearPairLimit,
                        KeyKind.WordNear => false,
                        KeyKind.OnlySingle or KeyKind.Pair => true,
                    };
                    if (!wanted)
                    {
                        return;
                    }
                    List(records, state.Scratch);
                });
            }
        }
    }

    /// <summary>
    /// The blocking keys of one name: every part key, every pair of part keys (in ordinal order), and
    /// for every ordered pair, one key exact and the other whole or with one code deleted (keys of
    /// three codes or more). Each key is hashed with its kind, so kinds never meet.
    /// </summary>
    private static void ForEachKey<TState>(PersonName name, TState state, Action<TState, ulong, KeyKind> action)
    {
        Span<int> order = name.Parts.Length <= 64 ? stackalloc int[name.Parts.Length] : new int[name.Parts.Length];
        var n = 0;
        for (var i = 0; i < name.Parts.Length; i++)
        {
            var part = name.Parts[i];
            if (part.IsInitial || part.Key.Length == 0)
            {
                continue;
            }
            var duplicate = false;
            for (var k = 0; k < n; k++)
            {
                duplicate |= name.Parts[order[k]].Key == part.Key;
            }
            if (!duplicate)
            {
                order[n++] = i;
            }
        }
        order = order[..n];
        for (var x = 0; x < n; x++)
        {
            var key = name.Parts[order[x]].Key;
            action(state, Hash('s', key, "", -1), n == 1 ? KeyKind.OnlySingle : KeyKind.Single);
            for (var y = 0; y < n; y++)
            {
                if (x == y)
                {
                    continue;
                }
                var other = name.Parts[order[y]].Key;
                if (string.CompareOrdinal(key, other) < 0)
                {
                    action(state, Hash('p', key, other, -1), KeyKind.Pair);
                }
                action(state, Hash('n', key, other, -1), KeyKind.NearPair);
                for (var d = 0; other.Length >= 3 && d < other.Length; d++)
                {
                    action(state, Hash('n', key, other, d), KeyKind.NearPair);
                }
                // A word in a variant family is keyed by its family's canonical form; keyed by its own
                // spelling too, a typo that leaves the family (Kadiatocu for Kadiatou, read Khadija) is
                // still one code from it.
                var otherPart = name.Parts[order[y]];
                if (otherPart.SpellingKey != other)
                {
                    var spellingKey = otherPart.SpellingKey;
                    action(state, Hash('n', key, spellingKey, -1), KeyKind.NearPair);
                    for (var d = 0; spellingKey.Length >= 3 && d < spellingKey.Length; d++)
                    {
                        action(state, Hash('n', key, spellingKey, d), KeyKind.NearPair);
                    }
                }
                // A key of one or two codes has no deletions above: one typo changes it outright (Keita KT,
                // Keiqa KK; Toure TR, Toue T). Its spelling within one deleted letter on each side catches
                // a substitution, an insertion, a deletion or a swap of two letters.
                if (other.Length <= 2)
                {
                    var spelling = otherPart.Normalized;
                    for (var d = spelling.Length >= 4 ? -1 : spelling.Length; d < spelling.Length; d++)
                    {
                        action(state, Hash('w', key, spelling, d), KeyKind.NearPair);
                    }
                }
            }
        }
        if (n == 1)
        {
            // A one-word name (a roster giving the family name alone): its spelling within one deleted
            // letter of any word of the record's, and, for a word with a joined servant prefix, the word
            // after it (Abdul Kumar written for Abdul Karim Kumar).
            var part = name.Parts[order[0]];
            if (part.StemKey != part.Key)
            {
                action(state, Hash('s', part.StemKey, "", -1), KeyKind.OnlySingle);
            }
            if (part.Normalized.Length >= 5)
            {
                for (var d = -1; d < part.Normalized.Length; d++)
                {
                    action(state, Hash('o', "", part.Normalized, d), KeyKind.OneWordNear);
                }
            }
        }
        else
        {
            for (var x = 0; x < n; x++)
            {
                var spelling = name.Parts[order[x]].Normalized;
                for (var d = spelling.Length >= 5 ? -1 : spelling.Length; d < spelling.Length; d++)
                {
                    action(state, Hash('o', "", spelling, d), KeyKind.WordNear);
                }
            }
            // Two words run together (Ramimakhlouf for Rami Makhlouf) are one word of a one-word name.
            for (var i = 0; i + 1 < name.Parts.Length; i++)
            {
                if (!name.Parts[i].IsInitial && !name.Parts[i + 1].IsInitial)
                {
                    action(state, Hash('o', "", name.Parts[i].Normalized + name.Parts[i + 1].Normalized, -1), KeyKind.WordNear);
                }
            }
        }
    }

    /// <summary>
    /// For every pair of words, their first phonetic codes and the year of birth (<c>Smnil Yanh 1966</c> and
    /// <c>Sunil Yangh 1966-04</c>: S, Y, 1966): a typo in each word defeats every key of the words.
    /// </summary>
    private static void ForEachInitialsKey<TState>(PersonName name, BirthDate? birth, TState state, Action<TState, ulong> action)
    {
        if (birth is not { } date)
        {
            return;
        }
        var parts = name.Parts;
        for (var x = 0; x < parts.Length; x++)
        {
            if (parts[x].IsInitial || parts[x].Key.Length == 0)
            {
                continue;
            }
            for (var y = x + 1; y < parts.Length; y++)
            {
                if (parts[y].IsInitial || parts[y].Key.Length == 0)
                {
                    continue;
                }
                var (a, b) = parts[x].Key[0] <= parts[y].Key[0] ? (parts[x].Key[0], parts[y].Key[0]) : (parts[y].Key[0], parts[x].Key[0]);
                const ulong prime = 1099511628211;
                action(state, unchecked((((((14695981039346656037UL ^ 'i') * prime ^ a) * prime ^ b) * prime) ^ (ulong)date.Year) * prime));
            }
        }
    }

    /// <summary>Lists every record under <paramref name="key"/> (a date key: never too common to use).</summary>
    private void Mark(ulong? key, Scratch scratch)
    {
        if (key is not { } k)
        {
            return;
        }
        List(_postings[k], scratch);
    }

    /// <summary>Lists each of <paramref name="records"/> not yet listed for this person.</summary>
    private static void List(ReadOnlySpan<int> records, Scratch scratch)
    {
        foreach (var r in records)
        {
            if (scratch.Marks[r] < scratch.Stamp)
            {
                scratch.Marks[r] = scratch.Stamp;
                scratch.Found.Add(r);
            }
        }
    }

    /// <summary>The key of a full date of birth (day and month swapped when asked and the day could be a month), or null.</summary>
    private static ulong? DateKey(BirthDate? date, bool swapped)
    {
        if (date is not { Month: { } month, Day: { } day } d || (swapped && (day > 12 || day == month)))
        {
            return null;
        }
        var (m, dd) = swapped ? (day, month) : (month, day);
        const ulong prime = 1099511628211;
        return unchecked((((((14695981039346656037UL ^ 'd') * prime) ^ (ulong)d.Year) * prime ^ (ulong)m) * prime ^ (ulong)dd) * prime);
    }

    /// <summary>FNV-1a over the kind, the first key, a separator and the second key less the code at <paramref name="skip"/> (none when −1).</summary>
    private static ulong Hash(char kind, string first, string second, int skip)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037UL;
        hash = (hash ^ kind) * prime;
        foreach (var c in first)
        {
            hash = (hash ^ c) * prime;
        }
        hash = (hash ^ '|') * prime;
        for (var i = 0; i < second.Length; i++)
        {
            if (i != skip)
            {
                hash = (hash ^ second[i]) * prime;
            }
        }
        return hash;
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> postings, TKey key, int record)
        where TKey : notnull
    {
        if (!postings.TryGetValue(key, out var list))
        {
            postings[key] = list = [];
        }
        list.Add(record);
    }

    /// <summary>Per-thread marks, so that collecting candidates allocates nothing per person.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? _current;

        public int[] Marks { get; private set; } = [];

        public int Stamp { get; private set; }

        public List<int> Found { get; } = [];

        public static Scratch For(int records)
        {
            var scratch = _current ??= new Scratch();
            if (scratch.Marks.Length < records)
            {
                scratch.Marks = new int[records];
                scratch.Stamp = 0;
            }
            return scratch;
        }

        public void Next()
        {
            Found.Clear();
            if (Stamp >= int.MaxValue - 2)
            {
                Array.Clear(Marks);
                Stamp = 0;
            }
            // Stamp + 1 marks an identifier match; the next call starts above both.
            Stamp += 2;
        }
    }
}
