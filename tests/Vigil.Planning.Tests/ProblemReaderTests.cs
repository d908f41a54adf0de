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
