using System.Text.Json.Nodes;
using static Vigil.Planning.Tests.TestProblems;

namespace Vigil.Planning.Tests;

public sealed class ProblemReaderTests
{
    private static JsonObject Valid() => Problem(4, [Site("A"), Site("B", 1)], [Officer("O1", "A"), Officer("O2")]);

    private static ProblemError Fails(JsonObject json)
    {
        var result = ProblemReader.Read(json.ToJsonString());
        Assert.Null(result.Problem);
        return Assert.IsType<ProblemError>(result.Error);
    }

    [Fact]
    public void Read_UnknownCurrentSite_NamesThePath()
    {
        var json = Valid();
        json["officers"]![1]!["currentSite"] = "X";
        Assert.Equal("$.officers[1].currentSite: unknown site 'X'", Fails(json).ToString());
    }

    [Fact]
    public void Read_DuplicateSiteId_NamesThePath()
    {
        var json = Valid();
        json["sites"]![1]!["id"] = "A";
        Assert.Equal("$.sites[1].id", Fails(json).Path);
    }

    [Fact]
    public void Read_DuplicateOfficerId_NamesThePath()
    {
        var json = Valid();
        json["officers"]![1]!["id"] = "O1";
        Assert.Equal("$.officers[1].id", Fails(json).Path);
    }

    [Fact]
    public void Read_FieldNames_AreTheSpecsCamelCase_AnotherCaseIsAnUnknownField()
    {
        // "Periods" beside "periods" silently won before (field names were matched in any case), so a plan of 2 periods
        // came back for a problem of 4; "Horizon" stood for "horizon".
        var text = Valid().ToJsonString();
        var other = ProblemReader.Read(text.Replace("\"periods\":", "\"Periods\":2,\"periods\":", StringComparison.Ordinal));
        Assert.Equal(4, other.Problem!.Horizon.Periods);
        var capital = ProblemReader.Read(text.Replace("\"horizon\":", "\"Horizon\":", StringComparison.Ordinal));
        Assert.Equal("$.horizon: required", capital.Error!.ToString());
    }

    [Theory]
    [InlineData("sites")]
    [InlineData("officers")]
    public void Read_SitesOrOfficersMissingOrNull_AreRequired(string field)
    {
        var json = Valid();
        json[field] = null;
        Assert.Equal($"$.{field}: required (an empty list if there are none)", Fails(json).ToString());
        json.Remove(field);
        Assert.Equal($"$.{field}", Fails(json).Path);
        json[field] = new System.Text.Json.Nodes.JsonArray();
        Assert.Null(ProblemReader.Read(json.ToJsonString()).Error is { Path: var path } && path == $"$.{field}" ? path : null);
    }

    [Fact]
    public void Read_AFieldGivenTwice_IsRefusedByItsPath()
    {
        var text = Valid().ToJsonString().Replace("\"periods\":", "\"periods\":2,\"periods\":", StringComparison.Ordinal);
        Assert.Equal("$.horizon.periods: given twice", ProblemReader.Read(text).Error!.ToString());
    }

    [Theory]
    [InlineData("", "$: the file is empty")]
    [InlineData("  \n", "$: the file is empty")]
    [InlineData("{\"horizon\": {\"periods\": 3, ", "$.horizon: the file ends before the JSON is complete (line 1, position 28)")]
    [InlineData("{\"horizon\": {\"periods\": 3,}}", "$.horizon: a comma before a closing brace or bracket, which JSON does not allow (line 1, position 27)")]
    [InlineData("{}\n{}", "$: '{' is invalid after a single JSON value. Expected end of data (line 2, position 1)")]
    [InlineData("{\"horizon\": {\"periods\": 3}", "$: the file ends before the JSON is complete (line 1, position 27)")]
    // Positions count characters as an editor does, not UTF-8 bytes ("é" and "€" are 2 and 3 bytes).
    [InlineData("{\"x\": \"é€\", \"horizon\": {\"periods\": 3,}}", "$.horizon: a comma before a closing brace or bracket, which JSON does not allow (line 1, position 38)")]
    public void Read_BrokenJson_SaysWhatAndWhereInWords(string text, string expected) =>
        Assert.Equal(expected, ProblemReader.Read(text).Error!.ToString());

    [Theory]
    [InlineData("periodsAtCurrentSite")]
    public void Read_NegativeNumber_NamesThePath(string field)
    {
        var json = Valid();
        json["officers"]![0]![field] = -1;
        Assert.Equal($"$.officers[0].{field}", Fails(json).Path);
    }

    [Fact]
    public void Read_NegativeRequiredOfficers_NamesThePath()
    {
        var json = Valid();
        json["sites"]![0]!["requiredOfficers"] = -2;
        Assert.Equal("$.sites[0].requiredOfficers", Fails(json).Path);
    }

    [Fact]
    public void Read_WrongType_NamesThePathFromTheParser()
    {
        var json = Valid();
        json["horizon"]!["periods"] = "twelve";
        Assert.Equal("$.horizon.periods", Fails(json).Path);
    }

    // A field, a value past its limit, and the error the reader gives.
    public static TheoryData<string, long, string> OverLimits => new()
    {
        { "$.horizon.periods", 121, "$.horizon.periods: must be from 1 to 120" },
        { "$.horizon.periods", int.MaxValue, "$.horizon.periods: must be from 1 to 120" },
        { "$.rules.maxConsecutivePeriods", 1001, "$.rules.maxConsecutivePeriods: must be from 1 to 1000" },
        { "$.rules.maxConsecutivePeriods", int.MaxValue, "$.rules.maxConsecutivePeriods: must be from 1 to 1000" },
        { "$.rules.minPeriodsBeforeReturn", 1001, "$.rules.minPeriodsBeforeReturn: must be from 0 to 1000" },
        { "$.officers[0].periodsAtCurrentSite", int.MaxValue, "$.officers[0].periodsAtCurrentSite: must be from 0 to 1000" },
        { "$.officers[0].recentSites[0].periodsSinceLeft", 1001, "$.officers[0].recentSites[0].periodsSinceLeft: must be from 0 to 1000" },
        { "$.sites[0].requiredOfficers", 101, "$.sites[0].requiredOfficers: must be from 0 to 100" },
        { "$.sites[0].requiredOfficers", int.MaxValue, "$.sites[0].requiredOfficers: must be from 0 to 100" },
        { "$.rules.weights.uncovered", 1_000_000_001, "$.rules.weights.uncovered: must be from 0 to 1,000,000,000" },
        { "$.rules.weights.languageGap", 4_000_000_000_000_000_000, "$.rules.weights.languageGap: must be from 0 to 1,000,000,000" },
        { "$.rules.weights.move", long.MaxValue, "$.rules.weights.move: must be from 0 to 1,000,000,000" },
        { "$.rules.weights.travelKm", long.MaxValue, "$.rules.weights.travelKm: must be from 0 to 1,000,000,000" },
    };

    [Theory]
    [MemberData(nameof(OverLimits))]
    public void Read_ValueOverItsLimit_NamesThePathAndTheLimit(string path, long value, string expected)
    {
        var json = Problem(4, [Site("A"), Site("B")], [Officer("O1", "A", recent: [("B", 2)])]);
        Set(json, path, value);
        Assert.Equal(expected, Fails(json).ToString());
    }

    // Each limit itself is accepted (one at a time, the others as in a small valid problem).
    public static TheoryData<string, long> AtLimits => new()
    {
        { "$.horizon.periods", ProblemLimits.MaxPeriods },
        { "$.rules.maxConsecutivePeriods", ProblemLimits.MaxPeriodCount },
        { "$.rules.minPeriodsBeforeReturn", ProblemLimits.MaxPeriodCount },
        { "$.officers[0].periodsAtCurrentSite", ProblemLimits.MaxPeriodCount },
        { "$.officers[0].recentSites[0].periodsSinceLeft", ProblemLimits.MaxPeriodCount },
        { "$.sites[0].requiredOfficers", ProblemLimits.MaxRequiredOfficers },
        { "$.rules.weights.uncovered", ProblemLimits.MaxWeight },
        { "$.rules.weights.languageGap", ProblemLimits.MaxWeight },
        { "$.rules.weights.move", ProblemLimits.MaxWeight },
    };

    [Theory]
    [MemberData(nameof(AtLimits))]
    public void Read_ValueAtItsLimit_IsAccepted(string path, long value)
    {
        var json = Problem(4, [Site("A"), Site("B")], [Officer("O1", "A", recent: [("B", 2)])]);
        Set(json, path, value);
        Assert.NotNull(ProblemReader.Read(json.ToJsonString()).Problem);
    }

    [Fact]
    public void Read_TooManySitesOrOfficers_NamesTheList()
    {
        var sites = Enumerable.Range(0, ProblemLimits.MaxSites + 1).Select(i => Site($"S{i}")).ToArray();
        Assert.Equal("$.sites: at most 10,000 sites", Fails(Problem(1, sites, [Officer("O")])).ToString());
        var officers = Enumerable.Range(0, ProblemLimits.MaxOfficers + 1).Select(i => Officer($"O{i}")).ToArray();
        Assert.Equal("$.officers: at most 10,000 officers", Fails(Problem(1, [Site("A")], officers)).ToString());
    }

    [Fact]
    public void Read_WeightsTooLargeForTheProblemSize_AreRefused()
    {
        // travelKm at its limit: one officer over 120 periods could cost 120 × 1e9 × 20,016 km, about 2.4e18.
        var json = Problem(120, [Site("A"), Site("B", 179)], [Officer("O1", "A")]);
        json["rules"]!["weights"]!["travelKm"] = ProblemLimits.MaxWeight;
        var error = Fails(json);
        Assert.Equal("$.rules.weights", error.Path);
        Assert.StartsWith("too large for this problem: a plan could cost up to 2,401,920,024,084,000,", error.Message, StringComparison.Ordinal);
        Assert.Contains("above the limit of 70,368,744,177,664", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WorstObjective_AtEveryLimitAtOnce_IsExactAndCannotOverflow()
    {
        // The largest problem the per-field limits allow, built directly (reading 10,000 sites would be slow): the bound
        // is computed in 128 bits, and it is far above a long, so the reader refuses it instead of overflowing.
        var sites = Enumerable.Range(0, ProblemLimits.MaxSites)
            .Select(i => new Site($"S{i}", "M", "", 0, 0, ProblemLimits.MaxRequiredOfficers, [], [])).ToList();
        var officers = Enumerable.Range(0, ProblemLimits.MaxOfficers)
            .Select(i => new Officer($"O{i}", "M", "KEN", [], null, 0, [], new HashSet<int>())).ToList();
        var w = ProblemLimits.MaxWeight;
        var problem = new RotationProblem(new PlanningHorizon(null, ProblemLimits.MaxPeriods, 1),
            new RotationRules(ProblemLimits.MaxPeriodCount, ProblemLimits.MaxPeriodCount, true, new ObjectiveWeights(w, w, w, w)), sites, officers, []);
        Int128 perPeriod = ((Int128)w * ProblemLimits.MaxRequiredOfficers * ProblemLimits.MaxSites)
            + ((Int128)ProblemLimits.MaxOfficers * ((2 * (Int128)w) + ((Int128)w * ProblemLimits.MaxKilometres)));
        Assert.Equal(perPeriod * ProblemLimits.MaxPeriods, ProblemLimits.WorstObjective(problem));
        Assert.True(ProblemLimits.WorstObjective(problem) > long.MaxValue);
    }

    [Fact]
    public void Read_AcceptedProblem_ItsObjectiveScaledByThePlannerFitsInALong()
    {
        // Any accepted problem's worst objective, times the planner's 2^16 integer scale, is at most 2^62: half of a
        // long's range, so even the sum of two such values cannot overflow.
        Assert.True((Int128)ProblemLimits.MaxWorstObjective * (1 << 16) * 2 <= (Int128)long.MaxValue + 1);
        // The largest uncovered weight on a realistic mission (50 sites wanting 2 officers, 36 periods, 100 officers)
        // is accepted, and its worst objective is below the limit.
        var sites = Enumerable.Range(0, 50).Select(i => Site($"S{i}", i, required: 2)).ToArray();
        var officers = Enumerable.Range(0, 100).Select(i => Officer($"O{i}")).ToArray();
        var json = Problem(36, sites, officers);
        json["rules"]!["weights"]!["uncovered"] = ProblemLimits.MaxWeight;
        var problem = ProblemReader.Read(json.ToJsonString()).Problem!;
        Assert.InRange(ProblemLimits.WorstObjective(problem), 0, ProblemLimits.MaxWorstObjective);
    }

    [Fact]
    public void Plan_AtTheLimits_CompletesWithAValidPlan()
    {
        // The values that made the planner throw (int.MaxValue) are refused; their limits plan normally.
        // O1 has been at A for the longest tenure and may not return to B before the horizon ends: it moves to C.
        var json = Problem(6, [Site("A"), Site("B", 1), Site("C", 2)], [Officer("O1", "A", periodsAt: ProblemLimits.MaxPeriodCount, recent: [("B", ProblemLimits.MaxPeriodCount)]), Officer("O2")],
            maxConsecutive: ProblemLimits.MaxPeriodCount, minReturn: ProblemLimits.MaxPeriodCount);
        json["sites"]![0]!["requiredOfficers"] = ProblemLimits.MaxRequiredOfficers;
        json["rules"]!["weights"]!["uncovered"] = ProblemLimits.MaxWeight;
        var problem = ProblemReader.Read(json.ToJsonString()).Problem!;
        var plan = RotationPlanner.Plan(problem, new PlannerOptions { TimeLimit = TimeSpan.FromSeconds(5), Threads = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(PlanStatus.Optimal, plan.Status);
        var check = PlanValidator.Validate(problem, plan.Postings);
        Assert.Empty(check.Violations);
        Assert.Equal(check.Objective, plan.Objective);
    }

    // A wrong kind of value at a path, and the words the reader uses.
    public static TheoryData<string, string, string> WrongKinds => new()
    {
        { "$.horizon.periods", "\"12\"", "$.horizon.periods: expected a whole number" },
        { "$.horizon.periods", "[]", "$.horizon.periods: expected a whole number" },
        { "$.horizon.periods", "1.5", "$.horizon.periods: expected a whole number" },
        { "$.horizon.periods", "99999999999", "$.horizon.periods: expected a whole number" },
        { "$.rules.weights.move", "\"200\"", "$.rules.weights.move: expected a whole number" },
        { "$.sites[0].lat", "\"4.3\"", "$.sites[0].lat: expected a number" },
        { "$.sites[0].id", "5", "$.sites[0].id: expected a string" },
        { "$.sites[0].languages", "\"fr\"", "$.sites[0].languages: expected an array" },
        { "$.sites[0].languages[0]", "1", "$.sites[0].languages[0]: expected a string" },
        { "$.rules.crossMissionMoves", "\"no\"", "$.rules.crossMissionMoves: expected true or false" },
        { "$.horizon", "12", "$.horizon: expected an object" },
        { "$.sites", "{}", "$.sites: expected an array" },
        { "$.officers[0].unavailablePeriods[0]", "\"5\"", "$.officers[0].unavailablePeriods[0]: expected a whole number" },
        { "$.officers[0].recentSites[0].periodsSinceLeft", "true", "$.officers[0].recentSites[0].periodsSinceLeft: expected a whole number" },
    };

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public void Read_WrongKindOfValue_SaysWhatIsExpectedInWords(string path, string value, string expected)
    {
        var json = Problem(4, [Site("A", languages: ["fr"])], [Officer("O1", "A", recent: [("A", 2)], leave: [1])]);
        Set(json, path, JsonNode.Parse(value));
        Assert.Equal(expected, Fails(json).ToString());
    }

    [Fact]
    public void Read_WholeDocumentOfTheWrongKind_SaysAnObject() =>
        Assert.Equal("$: expected an object", ProblemReader.Read("[]").Error!.ToString());

    private static void Set(JsonObject json, string path, JsonNode? value)
    {
        // Walks a path such as $.officers[0].recentSites[0].periodsSinceLeft and sets its last step.
        JsonNode node = json;
        var steps = System.Text.RegularExpressions.Regex.Matches(path, @"\.(\w+)|\[(\d+)\]").ToList();
        for (var i = 0; i < steps.Count; i++)
        {
            var name = steps[i].Groups[1].Success ? steps[i].Groups[1].Value : null;
            var index = name is null ? int.Parse(steps[i].Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (i == steps.Count - 1)
            {
                if (name is null)
                {
                    node[index] = value;
                }
                else
                {
                    node[name] = value;
                }
                return;
            }
            node = (name is null ? node[index] : node[name])!;
        }
    }

    private static void Set(JsonObject json, string path, long value) => Set(json, path, JsonValue.Create(value));

    [Fact]
    public void Read_LeavePastTheHorizon_IsValid_AndAppliesToNoPeriod()
    {
        // The spec lists unknown ids, duplicates and negative numbers as invalid; leave exported for a longer span than the
        // horizon is not (stop 37 refused it; the review of stop 38 found that a contract break).
        var json = Problem(4, [Site("A")], [Officer("O1", "A", leave: [1, 4, 90])]);
        Assert.Equal([1], ProblemReader.Read(json.ToJsonString()).Problem!.Officers[0].UnavailablePeriods.Order());
        Assert.Equal("$.officers[0].unavailablePeriods[1]", Fails(Problem(4, [Site("A")], [Officer("O1", "A", leave: [1, -1])])).Path);
    }

    [Fact]
    public void Read_UnknownPinnedOfficerAndSite_NamesThePath()
    {
        var json = Problem(4, [Site("A")], [Officer("O1")], pinned: [("O9", 0, "A")]);
        Assert.Equal("$.pinned[0].officer", Fails(json).Path);
        json = Problem(4, [Site("A")], [Officer("O1")], pinned: [("O1", 0, "Z")]);
        Assert.Equal("$.pinned[0].site: unknown site 'Z'", Fails(json).ToString());
        json = Problem(4, [Site("A")], [Officer("O1")], pinned: [("O1", 4, "A")]);
        Assert.Equal("$.pinned[0].period", Fails(json).Path);
    }

    [Fact]
    public void Read_UnknownRecentSite_NamesThePath()
    {
        var json = Problem(4, [Site("A")], [Officer("O1", recent: [("Q", 2)])]);
        Assert.Equal("$.officers[0].recentSites[0].site", Fails(json).Path);
    }

    [Fact]
    public void Read_MissingWeights_NamesThePath()
    {
        var json = Valid();
        ((JsonObject)json["rules"]!).Remove("weights");
        Assert.Equal("$.rules.weights", Fails(json).Path);
    }

    [Fact]
    public void Read_AppliesDefaultsAndIgnoresUnknownFields()
    {
        const string json = """
            {
              "horizon": { "periods": 3 },
              "rules": { "maxConsecutivePeriods": 2, "minPeriodsBeforeReturn": 1,
                         "weights": { "uncovered": 1, "languageGap": 2, "move": 3, "travelKm": 4 } },
              "sites": [ { "id": "A", "mission": "M", "lat": 1, "lon": 2, "colour": "blue" } ],
              "officers": [ { "id": "O", "mission": "M", "nationality": "KEN" } ],
              "extra": { "anything": [1, 2] }
            }
            """;
        var problem = ProblemReader.Read(json).Problem!;
        Assert.Equal(1, problem.Sites[0].RequiredOfficers);
        Assert.Empty(problem.Sites[0].Languages);
        Assert.Empty(problem.Sites[0].ContingentNationalities);
        Assert.False(problem.Rules.CrossMissionMoves);
        Assert.Null(problem.Officers[0].CurrentSite);
        Assert.Empty(problem.Officers[0].RecentSites);
        Assert.Empty(problem.Officers[0].UnavailablePeriods);
        Assert.Empty(problem.Pinned);
        Assert.Equal(1, problem.Horizon.PeriodMonths);
    }
}
