using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Planning;

/// <summary>Why a problem file is invalid: the JSON path of the first fault and what is wrong there.</summary>
/// <param name="Path">A JSON path such as <c>$.officers[3].currentSite</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record ProblemError(string Path, string Message)
{
    /// <summary>The path and the message, e.g. <c>$.officers[3].currentSite: unknown site 'X'</c>.</summary>
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The result of reading a problem: either a problem or the first error.</summary>
public sealed record ProblemReadResult
{
    private ProblemReadResult(RotationProblem? problem, ProblemError? error)
    {
        Problem = problem;
        Error = error;
    }

    /// <summary>The problem, when the input was valid.</summary>
    public RotationProblem? Problem { get; }

    /// <summary>The first fault, when the input was invalid.</summary>
    public ProblemError? Error { get; }

    internal static ProblemReadResult Ok(RotationProblem problem) => new(problem, null);

    internal static ProblemReadResult Fail(string path, string message) => new(null, new ProblemError(path, message));
}

/// <summary>
/// Reads problem files (<c>spec/rotation.md</c>): camelCase fields, unknown fields ignored, the spec's defaults
/// applied. Unknown or duplicate ids, negative numbers and malformed values are reported with the JSON path of
/// the first fault. Contradictions between valid inputs (a pin that breaks a hard rule) are not errors here:
/// the planner reports them as an infeasible plan.
/// </summary>
public static class ProblemReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        // Field names are the spec's camelCase: "Periods" beside "periods" is an unknown field (ignored), not a second
        // value that silently wins; a field given twice is refused.
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
    };

    /// <summary>Reads a problem from JSON text.</summary>
    /// <param name="json">The problem file's content.</param>
    public static ProblemReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ProblemDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<ProblemDto>(json, Options);
        }
        catch (JsonException e)
        {
            var path = e.Path ?? "$";
            var message = e.Message;
            // A value of the wrong kind: .NET's message names a CLR type ("System.Nullable`1[System.Int32]"); say
            // in words what the field expects instead. Syntax errors keep the parser's message (line and position).
            if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            {
                return ProblemReadResult.Fail(path, "expected " + ExpectedKind(path));
            }
            if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
            {
                return ProblemReadResult.Fail(path, "given twice");
            }
            if (json.AsSpan().Trim().IsEmpty)
            {
                return ProblemReadResult.Fail("$", "the file is empty");
            }
            // Syntax: the parser's words where they are plain, and where in the file (line and position from 1).
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            var said = message.Contains("reached end of data", StringComparison.Ordinal) || message.Contains("isFinalBlock", StringComparison.Ordinal)
                    || message.Contains("Expected depth to be zero", StringComparison.Ordinal)
                ? "the file ends before the JSON is complete"
                : message.Contains("trailing comma", StringComparison.Ordinal)
                    ? "a comma before a closing brace or bracket, which JSON does not allow"
                    : cut > 0 ? message[..cut] : message;
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, position {Column(json, line, e.BytePositionInLine ?? 0)})")
                : "";
            return ProblemReadResult.Fail(path, said.TrimEnd('.') + where);
        }
        return dto is null ? ProblemReadResult.Fail("$", "expected an object") : Convert(dto);
    }

    /// <summary>The position (from 1, in characters as an editor counts them) of a byte offset in a line of the text.</summary>
    private static long Column(string json, long line, long bytes)
    {
        var lines = json.Split('\n');
        if (line >= lines.Length)
        {
            return bytes + 1;
        }
        var utf8 = System.Text.Encoding.UTF8.GetBytes(lines[line]);
        return System.Text.Encoding.UTF8.GetCharCount(utf8, 0, (int)Math.Min(bytes, utf8.Length)) + 1;
    }

    /// <summary>Reads a problem from a file.</summary>
    /// <param name="path">The file's path.</param>
    public static ProblemReadResult ReadFile(string path) => Read(File.ReadAllText(path));

    private static ProblemReadResult Convert(ProblemDto dto)
    {
        if (dto.Horizon is not { } h)
        {
            return ProblemReadResult.Fail("$.horizon", "required");
        }
        if (h.Periods is not { } periods)
        {
            return ProblemReadResult.Fail("$.horizon.periods", "required");
        }
        if (periods is < 1 or > ProblemLimits.MaxPeriods)
        {
            return ProblemReadResult.Fail("$.horizon.periods", $"must be from 1 to {ProblemLimits.MaxPeriods}");
        }
        if (h.PeriodMonths is < 1)
        {
            return ProblemReadResult.Fail("$.horizon.periodMonths", "must be at least 1");
        }
        DateOnly? start = null;
        if (h.Start is not null)
        {
            if (!DateOnly.TryParseExact(h.Start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return ProblemReadResult.Fail("$.horizon.start", $"not a date (yyyy-mm-dd): '{h.Start}'");
            }
            start = d;
        }
        var horizon = new PlanningHorizon(start, periods, h.PeriodMonths ?? 1);

        if (dto.Rules is not { } r)
        {
            return ProblemReadResult.Fail("$.rules", "required");
        }
        if (r.MaxConsecutivePeriods is not { } maxc)
        {
            return ProblemReadResult.Fail("$.rules.maxConsecutivePeriods", "required");
        }
        if (maxc is < 1 or > ProblemLimits.MaxPeriodCount)
        {
            return ProblemReadResult.Fail("$.rules.maxConsecutivePeriods", $"must be from 1 to {ProblemLimits.MaxPeriodCount}");
        }
        if (r.MinPeriodsBeforeReturn is not { } minret)
        {
            return ProblemReadResult.Fail("$.rules.minPeriodsBeforeReturn", "required");
        }
        if (minret is < 0 or > ProblemLimits.MaxPeriodCount)
        {
            return ProblemReadResult.Fail("$.rules.minPeriodsBeforeReturn", $"must be from 0 to {ProblemLimits.MaxPeriodCount}");
        }
        if (r.Weights is not { } w)
        {
            return ProblemReadResult.Fail("$.rules.weights", "required");
        }
        var weightValues = new (string Name, long? Value)[]
        {
            ("uncovered", w.Uncovered), ("languageGap", w.LanguageGap), ("move", w.Move), ("travelKm", w.TravelKm),
        };
        foreach (var (name, value) in weightValues)
        {
            if (value is null)
            {
                return ProblemReadResult.Fail($"$.rules.weights.{name}", "required");
            }
            if (value is < 0 or > ProblemLimits.MaxWeight)
            {
                return ProblemReadResult.Fail($"$.rules.weights.{name}", Invariant($"must be from 0 to {ProblemLimits.MaxWeight:N0}"));
            }
        }
        var rules = new RotationRules(maxc, minret, r.CrossMissionMoves ?? false,
            new ObjectiveWeights(w.Uncovered!.Value, w.LanguageGap!.Value, w.Move!.Value, w.TravelKm!.Value));

        var sites = new List<Site>();
        var siteIds = new HashSet<string>(StringComparer.Ordinal);
        // Sites and officers have no default in the spec (an empty list is a valid problem; none at all is a file cut
        // short or a field misspelt): the reference validator needs them too.
        if (dto.Sites is not { } siteDtos)
        {
            return ProblemReadResult.Fail("$.sites", "required (an empty list if there are none)");
        }
        if (dto.Officers is null)
        {
            return ProblemReadResult.Fail("$.officers", "required (an empty list if there are none)");
        }
        if (siteDtos.Count > ProblemLimits.MaxSites)
        {
            return ProblemReadResult.Fail("$.sites", Invariant($"at most {ProblemLimits.MaxSites:N0} sites"));
        }
        for (var i = 0; i < siteDtos.Count; i++)
        {
            var path = $"$.sites[{i}]";
            if (siteDtos[i] is not { } s)
            {
                return ProblemReadResult.Fail(path, "expected an object");
            }
            if (string.IsNullOrWhiteSpace(s.Id))
            {
                return ProblemReadResult.Fail(path + ".id", "required");
            }
            if (!siteIds.Add(s.Id))
            {
                return ProblemReadResult.Fail(path + ".id", $"duplicate site id '{s.Id}'");
            }
            if (string.IsNullOrWhiteSpace(s.Mission))
            {
                return ProblemReadResult.Fail(path + ".mission", "required");
            }
            if (s.Lat is not { } lat)
            {
                return ProblemReadResult.Fail(path + ".lat", "required");
            }
            if (lat is < -90 or > 90 || double.IsNaN(lat))
            {
                return ProblemReadResult.Fail(path + ".lat", "must be between -90 and 90");
            }
            if (s.Lon is not { } lon)
            {
                return ProblemReadResult.Fail(path + ".lon", "required");
            }
            if (lon is < -180 or > 180 || double.IsNaN(lon))
            {
                return ProblemReadResult.Fail(path + ".lon", "must be between -180 and 180");
            }
            if (s.RequiredOfficers is < 0 or > ProblemLimits.MaxRequiredOfficers)
            {
                return ProblemReadResult.Fail(path + ".requiredOfficers", $"must be from 0 to {ProblemLimits.MaxRequiredOfficers}");
            }
            if (FirstNull(s.Languages) is { } li)
            {
                return ProblemReadResult.Fail($"{path}.languages[{li}]", "expected a string");
            }
            if (FirstNull(s.ContingentNationalities) is { } ci)
            {
                return ProblemReadResult.Fail($"{path}.contingentNationalities[{ci}]", "expected a string");
            }
            sites.Add(new Site(s.Id, s.Mission, s.Name ?? "", lat, lon, s.RequiredOfficers ?? 1,
                [.. (s.Languages ?? []).OfType<string>()], [.. (s.ContingentNationalities ?? []).OfType<string>()]));
        }

        var officers = new List<Officer>();
        var officerIds = new HashSet<string>(StringComparer.Ordinal);
        var officerDtos = dto.Officers;
        if (officerDtos.Count > ProblemLimits.MaxOfficers)
        {
            return ProblemReadResult.Fail("$.officers", Invariant($"at most {ProblemLimits.MaxOfficers:N0} officers"));
        }
        for (var i = 0; i < officerDtos.Count; i++)
        {
            var path = $"$.officers[{i}]";
            if (officerDtos[i] is not { } o)
            {
                return ProblemReadResult.Fail(path, "expected an object");
            }
            if (string.IsNullOrWhiteSpace(o.Id))
            {
                return ProblemReadResult.Fail(path + ".id", "required");
            }
            if (!officerIds.Add(o.Id))
            {
                return ProblemReadResult.Fail(path + ".id", $"duplicate officer id '{o.Id}'");
            }
            if (string.IsNullOrWhiteSpace(o.Mission))
            {
                return ProblemReadResult.Fail(path + ".mission", "required");
            }
            if (string.IsNullOrWhiteSpace(o.Nationality))
            {
                return ProblemReadResult.Fail(path + ".nationality", "required");
            }
            if (FirstNull(o.Languages) is { } li)
            {
                return ProblemReadResult.Fail($"{path}.languages[{li}]", "expected a string");
            }
            if (o.CurrentSite is not null && !siteIds.Contains(o.CurrentSite))
            {
                return ProblemReadResult.Fail(path + ".currentSite", $"unknown site '{o.CurrentSite}'");
            }
            if (o.PeriodsAtCurrentSite is < 0 or > ProblemLimits.MaxPeriodCount)
            {
                return ProblemReadResult.Fail(path + ".periodsAtCurrentSite", $"must be from 0 to {ProblemLimits.MaxPeriodCount}");
            }
            var recent = new List<RecentSite>();
            var recentDtos = o.RecentSites ?? [];
            for (var j = 0; j < recentDtos.Count; j++)
            {
                var rp = $"{path}.recentSites[{j}]";
                if (recentDtos[j] is not { } rs)
                {
                    return ProblemReadResult.Fail(rp, "expected an object");
                }
                if (rs.Site is null)
                {
                    return ProblemReadResult.Fail(rp + ".site", "required");
                }
                if (!siteIds.Contains(rs.Site))
                {
                    return ProblemReadResult.Fail(rp + ".site", $"unknown site '{rs.Site}'");
                }
                if (rs.PeriodsSinceLeft is not { } since)
                {
                    return ProblemReadResult.Fail(rp + ".periodsSinceLeft", "required");
                }
                if (since is < 0 or > ProblemLimits.MaxPeriodCount)
                {
                    return ProblemReadResult.Fail(rp + ".periodsSinceLeft", $"must be from 0 to {ProblemLimits.MaxPeriodCount}");
                }
                recent.Add(new RecentSite(rs.Site, since));
            }
            var leave = o.UnavailablePeriods ?? [];
            for (var j = 0; j < leave.Count; j++)
            {
                if (leave[j] < 0)
                {
                    return ProblemReadResult.Fail($"{path}.unavailablePeriods[{j}]", "must not be negative");
                }
            }
            officers.Add(new Officer(o.Id, o.Mission, o.Nationality, [.. (o.Languages ?? []).OfType<string>()], o.CurrentSite,
                // Leave past the horizon is valid input (spec/rotation.md lists only unknown ids, duplicates and negative
                // numbers as invalid; leave is often exported for a longer span) and has no period to apply to.
                o.PeriodsAtCurrentSite ?? 0, recent, leave.Where(p => p < periods).ToHashSet()));
        }

        var pinned = new List<PinnedPosting>();
        var pinDtos = dto.Pinned ?? [];
        for (var i = 0; i < pinDtos.Count; i++)
        {
            var path = $"$.pinned[{i}]";
            if (pinDtos[i] is not { } p)
            {
                return ProblemReadResult.Fail(path, "expected an object");
            }
            if (p.Officer is null)
            {
                return ProblemReadResult.Fail(path + ".officer", "required");
            }
            if (!officerIds.Contains(p.Officer))
            {
                return ProblemReadResult.Fail(path + ".officer", $"unknown officer '{p.Officer}'");
            }
            if (p.Period is not { } period)
            {
                return ProblemReadResult.Fail(path + ".period", "required");
            }
            if (period < 0 || period >= periods)
            {
                return ProblemReadResult.Fail(path + ".period", $"must be between 0 and {periods - 1}");
            }
            if (p.Site is null)
            {
                return ProblemReadResult.Fail(path + ".site", "required");
            }
            if (!siteIds.Contains(p.Site))
            {
                return ProblemReadResult.Fail(path + ".site", $"unknown site '{p.Site}'");
            }
            pinned.Add(new PinnedPosting(p.Officer, period, p.Site));
        }

        var problem = new RotationProblem(horizon, rules, sites, officers, pinned);
        // Each weight is bounded, but together with the problem's size they could still overflow the planner's
        // integer arithmetic (scaled by 2^16): refuse weights whose worst possible objective is that large.
        if (ProblemLimits.WorstObjective(problem) is var worst && worst > ProblemLimits.MaxWorstObjective)
        {
            return ProblemReadResult.Fail("$.rules.weights",
                Invariant($"too large for this problem: a plan could cost up to {worst:N0}, above the limit of {ProblemLimits.MaxWorstObjective:N0}; lower the weights"));
        }
        return ProblemReadResult.Ok(problem);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the DTO property at a JSON path expects, in words ("a whole number", "an array", …).</summary>
    private static string ExpectedKind(string path)
    {
        var type = typeof(ProblemDto);
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance
                | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null)
            {
                return "a value of another kind";
            }
            type = property.PropertyType;
            // Each [i] steps into a list's elements.
            for (var i = bracket; i >= 0; i = part.IndexOf('[', i + 1))
            {
                type = Nullable.GetUnderlyingType(type) ?? type;
                type = type.IsGenericType ? type.GetGenericArguments()[0] : type;
            }
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(string) ? "a string"
            : type == typeof(bool) ? "true or false"
            : type.IsGenericType ? "an array"
            : "an object";
    }

    private static int? FirstNull(List<string?>? values)
    {
        if (values is null)
        {
            return null;
        }
        var i = values.IndexOf(null);
        return i < 0 ? null : i;
    }

    private sealed class ProblemDto
    {
        public HorizonDto? Horizon { get; set; }
        public RulesDto? Rules { get; set; }
        public List<SiteDto?>? Sites { get; set; }
        public List<OfficerDto?>? Officers { get; set; }
        public List<PinDto?>? Pinned { get; set; }
    }

    private sealed class HorizonDto
    {
        public string? Start { get; set; }
        public int? Periods { get; set; }
        public int? PeriodMonths { get; set; }
    }

    private sealed class RulesDto
    {
        public int? MaxConsecutivePeriods { get; set; }
        public int? MinPeriodsBeforeReturn { get; set; }
        public bool? CrossMissionMoves { get; set; }
        public WeightsDto? Weights { get; set; }
    }

    private sealed class WeightsDto
    {
        public long? Uncovered { get; set; }
        public long? LanguageGap { get; set; }
        public long? Move { get; set; }
        public long? TravelKm { get; set; }
    }

    private sealed class SiteDto
    {
        public string? Id { get; set; }
        public string? Mission { get; set; }
        public string? Name { get; set; }
        public double? Lat { get; set; }
        public double? Lon { get; set; }
        public int? RequiredOfficers { get; set; }
        public List<string?>? Languages { get; set; }
        public List<string?>? ContingentNationalities { get; set; }
    }

    private sealed class OfficerDto
    {
        public string? Id { get; set; }
        public string? Mission { get; set; }
        public string? Nationality { get; set; }
        public List<string?>? Languages { get; set; }
        public string? CurrentSite { get; set; }
        public int? PeriodsAtCurrentSite { get; set; }
        public List<RecentDto?>? RecentSites { get; set; }
        public List<int>? UnavailablePeriods { get; set; }
    }

    private sealed class RecentDto
    {
        public string? Site { get; set; }
        public int? PeriodsSinceLeft { get; set; }
    }

    private sealed class PinDto
    {
        public string? Officer { get; set; }
        public int? Period { get; set; }
        public string? Site { get; set; }
    }
}
