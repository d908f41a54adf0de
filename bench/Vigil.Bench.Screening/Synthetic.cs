using System.Globalization;
using System.Text;
using Vigil.Matching;

namespace Vigil.Bench.Screening;

/// <summary>One generated row, registry or roster; TrueBirthDate is the person's real, full date, of which BirthDate is what the file records.</summary>
internal sealed record SyntheticPerson(string Id, string FullName, string[] Aliases, string? BirthDate, string? Nationality, string[] Identifiers, string TrueBirthDate = "")
{
    public ScreeningSubject ToSubject() =>
        new(Id, FullName, Aliases, BirthDate is null ? null : Matching.BirthDate.Parse(BirthDate), Nationality, Identifiers);
}

/// <summary>How the roster side records people (the registry side is the same in both).</summary>
internal enum RosterScenario
{
    /// <summary>
    /// The hard case: the roster records dates like the registry (75 % full, 10 % year and month, 10 %
    /// year, 5 % missing), 5 % of nationalities missing, a passport on 60 %.
    /// </summary>
    RegistryLike,

    /// <summary>
    /// A UN deployment roster (a contingent's nominal list, an individual's personal history form): date
    /// of birth, nationality and passport are required for travel and accreditation, so every roster row
    /// has a full date, a nationality and a passport number; its errors are clerical (day and month
    /// swapped, one digit, the year one off), not missing fields. The registry side is unchanged (old
    /// case files are partial), and a true match's passport is the registry's only half the time
    /// (passports are renewed every 5–10 years; a case file holds the one of its time).
    /// </summary>
    DeploymentRoster,
}

/// <summary>A registry, a roster, and which roster people are in truth which registry records.</summary>
internal sealed record SyntheticSet(List<SyntheticPerson> Registry, List<SyntheticPerson> Roster, Dictionary<string, string> Truth, int HardNegatives);

/// <summary>
/// Generates synthetic registries and rosters with realistic variation: true matches are copies of
/// registry records with transliteration respellings, typos, name order swaps, dropped middle names,
/// other scripts, ranks, and partial or mistyped dates of birth; hard negatives are different people
/// with the same (or almost the same) common name. Deterministic for a seed.
/// <para>
/// Every person has a real, full date of birth; each file records it with its own precision, drawn
/// the same way for everyone in that file (registry: 70 % full, 10 % year and month, 15 % year, 5 %
/// missing; roster: 75 % full, 10 % year and month, 10 % year, 5 % missing), and a true match's roster
/// row adds clerical errors (day and month swapped, one digit, the year one off: 5 % each). Likewise
/// 5 % of every roster's nationalities are missing. (Until 2026-11-30 a true match's roster date was
/// the registry's date degraded a second time, year only 20 % and missing 10 %, while no other roster
/// person ever lacked a date or, as often, a nationality: a tell no real roster has, and a double loss
/// no real pair of files has.)
/// </para>
/// <para>
/// Hard negatives copy the name of a registry record whose words are all common ones of its
/// tradition (the pool lists, not the made-up surnames): the issue asks for "same common name,
/// different person". A second person with the same rare made-up surname and the same nationality
/// is one a real population almost never holds, and no evidence can tell it from a true match
/// whose date is missing. Namesakes of rare names still occur as they would in the field: by chance,
/// at the rate the skewed draws give them.
/// </para>
/// </summary>
internal sealed class Synthetic(int seed, RosterScenario scenario = RosterScenario.RegistryLike)
{
    /// <summary>
    /// The day the synthetic rosters are screened on: people are born 1962–2001 (25 to 64 then), so only corrupted
    /// dates fall outside what the engine finds plausible (CandidateScorer's screening date).
    /// </summary>
    public static readonly DateOnly ScreeningDate = new(2026, 12, 1);

    private readonly bool _deployment = scenario == RosterScenario.DeploymentRoster;

    private readonly Random _random = new(seed);

    private static readonly double[] PoolShares = [0.30, 0.25, 0.15, 0.15, 0.08, 0.07];

    private static readonly string[][] Families =
    [
        ["Mohamed", "Muhammad", "Mohammed", "Mohamad", "Mouhamed"], ["Mamadou", "Mamadu", "Mahamadou"], ["Ahmed", "Ahmad", "Amadou"],
        ["Abdoulaye", "Abdullahi", "Abdallah", "Abdullah"], ["Ousmane", "Usman", "Osman", "Othman"], ["Youssef", "Yusuf", "Yousef", "Youssouf"],
        ["Ibrahima", "Ibrahim", "Brahim"], ["Hussein", "Husain", "Hussain", "Houssein"], ["Souleymane", "Suleiman", "Sulayman", "Sulaiman"],
        ["Mustafa", "Moustapha", "Mostafa"], ["Omar", "Umar", "Oumar"], ["Khaled", "Khalid"], ["Moussa", "Musa"], ["Sergey", "Sergei"],
        ["Aleksandr", "Alexander", "Oleksandr"], ["Yevgeny", "Evgeny", "Evgeniy"], ["Dmitry", "Dmitri", "Dmytro"], ["Yuri", "Yury", "Iouri"],
        ["Fatoumata", "Fatimata", "Fatima"], ["Aissatou", "Aisha", "Aicha"], ["Kadiatou", "Khadija"], ["Tarek", "Tariq", "Tarik"],
        ["Hassan", "Hasan"], ["Said", "Saeed", "Sayed"], ["Yasser", "Yasir"], ["Abdelrahman", "Abdulrahman", "Abd al-Rahman", "Abdel Rahman"],
        ["Abdelaziz", "Abdulaziz", "Abd al-Aziz"], ["Mahmoud", "Mahmud"], ["Jovanovic", "Jovanović"], ["Nikolic", "Nikolić"],
    ];

    private static readonly string[] Ranks = ["Sgt.", "Capt", "Lt Col", "Maj.", "Cpl", "Col.", "Mr", "Adj."];

    public SyntheticSet Generate(int registrySize, int rosterSize, double trueShare, double hardNegativeShare)
    {
        var registry = new List<SyntheticPerson>(registrySize);
        var pools = new NamePool[registrySize];
        for (var i = 0; i < registrySize; i++)
        {
            var pool = PickPool();
            pools[i] = pool;
            registry.Add(NewPerson($"R{i + 1:D6}", pool, aliasShare: 0.2, registry: true));
        }
        var roster = new List<SyntheticPerson>(rosterSize);
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        var trueCount = (int)(rosterSize * trueShare);
        var hardCount = (int)(rosterSize * hardNegativeShare);
        var shuffledRecords = Enumerable.Range(0, registrySize).OrderBy(_ => _random.Next()).ToArray();
        var chosen = shuffledRecords.Take(trueCount).ToArray();
        var common = shuffledRecords.Skip(trueCount).Where(r => IsCommonName(registry[r].FullName, pools[r])).Take(hardCount).ToArray();
        chosen = [.. chosen, .. common];
        hardCount = common.Length;
        for (var i = 0; i < rosterSize; i++)
        {
            var id = $"P{i + 1:D6}";
            if (i < trueCount)
            {
                var source = registry[chosen[i]];
                roster.Add(Corrupt(id, source, pools[chosen[i]]));
                truth[id] = source.Id;
            }
            else if (i < trueCount + hardCount)
            {
                var source = registry[chosen[i]];
                var pool = pools[chosen[i]];
                var other = NewPerson(id, pool, aliasShare: 0, registry: false);
                var name = _random.NextDouble() < 0.7 ? source.FullName : Respell(source.FullName);
                roster.Add(other with { FullName = name });
            }
            else
            {
                roster.Add(NewPerson(id, PickPool(), aliasShare: 0, registry: false));
            }
        }
        // Shuffle so that true matches are not the first rows.
        var shuffled = roster.OrderBy(_ => _random.Next()).ToList();
        return new SyntheticSet(registry, shuffled, truth, hardCount);
    }

    /// <summary>Whether every word of <paramref name="name"/> is one of the pool's listed given names or surnames.</summary>
    private static bool IsCommonName(string name, NamePool pool)
    {
        var words = pool.Given.Concat(pool.Surnames).SelectMany(w => w.Split(' ')).ToHashSet(StringComparer.Ordinal);
        return name.Split(' ').All(words.Contains);
    }

    private NamePool PickPool()
    {
        var u = _random.NextDouble();
        for (var i = 0; i < PoolShares.Length; i++)
        {
            if ((u -= PoolShares[i]) < 0)
            {
                return NamePool.All[i];
            }
        }
        return NamePool.All[^1];
    }

    /// <summary>Skewed choice: early entries of a pool are more common, as real name frequencies are.</summary>
    private string Pick(string[] words) => words[(int)(words.Length * Math.Pow(_random.NextDouble(), 1.8))];

    /// <summary>
    /// A surname: half the time one of the pool's (common surnames), otherwise a made-up one joining
    /// the start of one pool surname to the end of another (Dia + ouma → Diaouma), so that surnames are
    /// as varied as in a real population while keeping the tradition's sound.
    /// </summary>
    private string Surname(NamePool pool)
    {
        var first = Pick(pool.Surnames);
        if (_random.NextDouble() < 0.5 || first.Contains(' ', StringComparison.Ordinal) || first.Contains('-', StringComparison.Ordinal))
        {
            return first;
        }
        var second = pool.Surnames[_random.Next(pool.Surnames.Length)].Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var head = first[..Math.Max(2, first.Length / 2)];
        var tail = second[(second.Length / 2)..];
        return head + tail;
    }

    private SyntheticPerson NewPerson(string id, NamePool pool, double aliasShare, bool registry)
    {
        var given = Pick(pool.Given);
        string name;
        if (pool.Patronymic)
        {
            name = _random.NextDouble() < 0.75 ? $"{given} {Pick(pool.Given)} {Surname(pool)}" : $"{given} {Pick(pool.Given)} {Pick(pool.Given)}";
        }
        else
        {
            name = _random.NextDouble() < 0.35 ? $"{given} {Pick(pool.Given)} {Surname(pool)}" : $"{given} {Surname(pool)}";
        }
        var aliases = _random.NextDouble() < aliasShare ? new[] { Respell(name) } : [];
        var year = 1962 + _random.Next(40);
        var month = 1 + _random.Next(12);
        var day = 1 + _random.Next(DateTime.DaysInMonth(year, month));
        var truth = $"{year:D4}-{month:D2}-{day:D2}";
        if (_deployment && !registry)
        {
            // A deployment roster requires the full date, the nationality and a passport of everyone.
            return new SyntheticPerson(id, name, aliases, truth, pool.Nationalities[_random.Next(pool.Nationalities.Length)], [Passport()], truth);
        }
        var birth = Record(truth, registry);
        var nationality = _random.NextDouble() < 0.95 ? pool.Nationalities[_random.Next(pool.Nationalities.Length)] : null;
        var identifiers = new List<string>();
        if (_random.NextDouble() < 0.6)
        {
            identifiers.Add($"P{_random.Next(1_000_000, 9_999_999)}");
        }
        if (_random.NextDouble() < 0.3)
        {
            identifiers.Add($"{nationality ?? "UN"}-{_random.Next(10_000, 99_999)}");
        }
        return new SyntheticPerson(id, name, aliases, birth, nationality, [.. identifiers], truth);
    }

    private string Passport() => $"P{_random.Next(1_000_000, 9_999_999)}";

    /// <summary>The date of birth as a file records it: the registry and the roster each with their own precision, the same for everyone in the file.</summary>
    private string? Record(string truth, bool registry) => (_random.NextDouble(), registry) switch
    {
        ( < 0.70, true) or ( < 0.75, false) => truth,
        ( < 0.80, true) or ( < 0.85, false) => truth[..7],
        ( < 0.95, _) => truth[..4],
        _ => null,
    };

    private SyntheticPerson Corrupt(string id, SyntheticPerson source, NamePool pool)
    {
        var name = source.FullName;
        var changes = 1 + _random.Next(3);
        for (var c = 0; c < changes; c++)
        {
            name = _random.Next(8) switch
            {
                0 or 1 => Respell(name),
                2 => Typo(name),
                3 => SwapOrder(name),
                4 => DropMiddle(name),
                5 => OtherScript(name),
                6 => $"{Ranks[_random.Next(Ranks.Length)]} {name}",
                _ => name.ToUpperInvariant(),
            };
        }
        // The roster records the person's real date with the roster's precision (a deployment roster: in full), then clerical errors.
        var birth = _deployment ? source.TrueBirthDate : Record(source.TrueBirthDate, registry: false);
        if (birth is not null)
        {
            var recorded = birth;
            birth = _random.NextDouble() switch
            {
                < 0.05 => SwapDayMonth(birth),
                < 0.10 => OneDigit(birth),
                < 0.15 => (int.Parse(birth[..4], CultureInfo.InvariantCulture) + (_random.Next(2) == 0 ? -1 : 1)).ToString(CultureInfo.InvariantCulture) + birth[4..],
                _ => birth,
            };
            if (!BirthDate.TryParse(birth, out _))
            {
                birth = recorded;
            }
        }
        if (_deployment)
        {
            // The person's nationality even where the case file lacks it; the case file's passport if not renewed since.
            var held = source.Nationality ?? pool.Nationalities[_random.Next(pool.Nationalities.Length)];
            var casePassport = source.Identifiers.FirstOrDefault(i => i.StartsWith('P'));
            var passport = casePassport is not null && _random.NextDouble() < 0.5 ? Reformat(casePassport) : Passport();
            return new SyntheticPerson(id, name, [], birth, held, [passport]);
        }
        var nationality = _random.NextDouble() < 0.95 ? source.Nationality : null;
        string[] identifiers = source.Identifiers.Length > 0 && _random.NextDouble() < 0.25
            ? [Reformat(source.Identifiers[0])]
            : _random.NextDouble() < 0.5 ? [$"P{_random.Next(1_000_000, 9_999_999)}"] : [];
        return new SyntheticPerson(id, name, [], birth, nationality, identifiers);
    }

    private string Respell(string name)
    {
        var words = name.Split(' ');
        var order = Enumerable.Range(0, words.Length).OrderBy(_ => _random.Next());
        foreach (var i in order)
        {
            var family = Families.FirstOrDefault(f => f.Contains(words[i], StringComparer.OrdinalIgnoreCase));
            if (family is not null)
            {
                var others = family.Where(w => !w.Equals(words[i], StringComparison.OrdinalIgnoreCase)).ToArray();
                words[i] = others[_random.Next(others.Length)];
                return string.Join(' ', words);
            }
            var respelled = RespellWord(words[i]);
            if (respelled != words[i])
            {
                words[i] = respelled;
                return string.Join(' ', words);
            }
        }
        return name;
    }

    /// <summary>One transliteration-style change: ou/u, ph/f, kh/k, doubled letters, e/a, i/y, a final e, the article.</summary>
    private string RespellWord(string word)
    {
        (string From, string To)[] rules =
        [
            ("ou", "u"), ("u", "ou"), ("ph", "f"), ("f", "ph"), ("kh", "k"), ("ss", "s"), ("s", "ss"), ("ll", "l"), ("mm", "m"), ("dd", "d"),
            ("e", "a"), ("a", "e"), ("i", "y"), ("y", "i"), ("ee", "i"), ("al-", "el-"), ("el-", "al-"), ("al-", ""), ("q", "k"), ("k", "c"),
            ("ch", "sh"), ("j", "dj"), ("v", "w"), ("ov", "off"),
        ];
        foreach (var (from, to) in rules.OrderBy(_ => _random.Next()))
        {
            var at = word.IndexOf(from, 1, StringComparison.Ordinal);
            if (from.EndsWith('-'))
            {
                at = word.IndexOf(from, StringComparison.Ordinal);
            }
            if (at >= 0)
            {
                var result = word[..at] + to + word[(at + from.Length)..];
                return result.Length > 0 && char.IsLower(result[0]) && !from.EndsWith('-') ? char.ToUpperInvariant(result[0]) + result[1..] : result;
            }
        }
        return _random.NextDouble() < 0.5 && word.EndsWith('e') ? word[..^1] : word + "e";
    }

    private string Typo(string name)
    {
        var words = name.Split(' ');
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 5).ToArray();
        if (candidates.Length == 0)
        {
            return name;
        }
        var w = candidates[_random.Next(candidates.Length)];
        var word = new StringBuilder(words[w]);
        var at = 1 + _random.Next(word.Length - 1);
        switch (_random.Next(4))
        {
            case 0:
                word[at] = (char)('a' + _random.Next(26));
                break;
            case 1 when at < word.Length - 1:
                (word[at], word[at + 1]) = (word[at + 1], word[at]);
                break;
            case 2:
                word.Remove(at, 1);
                break;
            default:
                word.Insert(at, (char)('a' + _random.Next(26)));
                break;
        }
        words[w] = word.ToString();
        return string.Join(' ', words);
    }

    private string SwapOrder(string name)
    {
        var words = name.Split(' ');
        if (words.Length < 2)
        {
            return name;
        }
        var last = words[^1];
        var rest = string.Join(' ', words[..^1]);
        return _random.Next(2) == 0 ? $"{last.ToUpperInvariant()}, {rest}" : $"{last} {rest}";
    }

    private static string DropMiddle(string name)
    {
        var words = name.Split(' ');
        return words.Length >= 3 ? string.Join(' ', words.Where((_, i) => i != 1)) : name;
    }

    private static string OtherScript(string name)
    {
        var parts = name.Split(' ');
        if (parts.All(NamePool.Arabic.ContainsKey))
        {
            return string.Join(' ', parts.Select(p => NamePool.Arabic[p]));
        }
        if (parts.All(NamePool.Cyrillic.ContainsKey))
        {
            return string.Join(' ', parts.Select(p => NamePool.Cyrillic[p]));
        }
        return name;
    }

    private static string SwapDayMonth(string birth) =>
        birth.Length == 10 && int.Parse(birth[8..], CultureInfo.InvariantCulture) <= 12 ? $"{birth[..4]}-{birth[8..]}-{birth[5..7]}" : birth;

    private string OneDigit(string birth)
    {
        var chars = birth.ToCharArray();
        var positions = Enumerable.Range(2, chars.Length - 2).Where(i => char.IsDigit(chars[i])).ToArray();
        var at = positions[_random.Next(positions.Length)];
        chars[at] = (char)('0' + (chars[at] - '0' + 1 + _random.Next(8)) % 10);
        return new string(chars);
    }

    private string Reformat(string identifier) => _random.Next(3) switch
    {
        0 => identifier.ToLowerInvariant(),
        1 => string.Join(' ', identifier.Chunk(3).Select(c => new string(c))),
        _ => identifier.Replace("-", "", StringComparison.Ordinal),
    };
}
