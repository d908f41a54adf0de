using System.Text.Json.Nodes;
using Vigil.Planning;
using Vigil.Web.Presence;

namespace Vigil.Tests;

/// <summary>
/// The planner's warnings and explanations on the rotation pages, in French: each phrasing, with its values kept, and
/// every sentence the real planner writes for problems that call for one.
/// </summary>
public sealed class PlanWordsTests
{
    private static string InFrench(string sentence) => FrenchResources.Say(t => PlanWords.Localize(sentence, t));

    public static TheoryData<string, string> Sentences => new()
    {
        {
            "Too few officers in mission MINUSCA: 3 postings are required per period but fewer officers are available in 2 period(s); at least 2 officer-period(s) will be uncovered.",
            "Trop peu d'agents dans la mission MINUSCA : 3 affectations sont requises par période, mais moins d'agents sont disponibles pendant 2 période(s) ; au moins 2 période(s)-agent resteront non couvertes."
        },
        {
            // The run's review names a period by its first day too.
            "Pinned posting of CDO-0042 at MINUSCA-BGI in period 3 (from 2027-04-01) breaks the conflict-of-interest rule: a contingent there is of the officer's nationality (RWA).",
            "L'affectation figée de CDO-0042 à MINUSCA-BGI en période 3 (à partir du 2027-04-01) enfreint la règle de conflit d'intérêts : un contingent y est de la nationalité de l'agent (RWA)."
        },
        {
            "CDO-0590 (GHA, UNMOGIP) cannot be posted in all 24 periods under these rules together: the conflict-of-interest rule (sites U-1, U-2 host GHA contingents); "
                + "tenure (at most 6 consecutive periods at a site; 4 already at U-3); no early return (12 periods before going back to a site; recently left U-4). Sites open to them in UNMOGIP: U-3, U-4.",
            "CDO-0590 (GHA, UNMOGIP) ne peut pas être affecté pendant les 24 périodes en respectant ensemble ces règles : la règle de conflit d'intérêts (les sites U-1, U-2 accueillent des contingents GHA) ; "
                + "la durée d'affectation (au plus 6 périodes consécutives sur un site ; déjà 4 à U-3) ; l'interdiction de retour anticipé (12 périodes avant de revenir sur un site ; a quitté récemment U-4). Sites qui lui sont ouverts dans la mission UNMOGIP : U-3, U-4."
        },
        {
            "Not every officer may serve at every site of mission M: at least 3 more officer-period(s) will be uncovered than the number of officers explains (conflicts of interest, leave, pinned postings, sites left too recently). "
                + "In period 0, A, B (2 posting(s)) may be served only by X; in period 5, 7 sites (A, B, C, D, E, …) (7 posting(s)) may be served by no officer available then; and 4 more period(s).",
            "Tous les agents ne peuvent pas servir sur tous les sites de la mission M : au moins 3 période(s)-agent de plus resteront non couvertes que ne l'explique le nombre d'agents (conflits d'intérêts, congés, affectations figées, sites quittés trop récemment). "
                + "En période 0, A, B (2 affectation(s)) ne peuvent être couverts que par X ; en période 5, 7 sites (A, B, C, D, E, …) (7 affectation(s)) ne peuvent être couverts par aucun agent disponible alors ; et 4 autre(s) période(s)."
        },
        {
            "Stopped at the time limit while checking that every officer can be posted, before any plan existed: give the planner more time.",
            "Arrêté à la limite de temps pendant l'étape « vérifier que chaque agent peut être affecté », avant qu'aucun plan n'existe : donnez plus de temps au planificateur."
        },
        // A sentence the pages do not know is shown as the planner wrote it.
        { "A warning added later.", "A warning added later." },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void PlannerSentence_InFrench(string english, string french) => Assert.Equal(french, InFrench(english));

    /// <summary>Problems that make the planner warn or explain, one kind each (sites A–D in mission M, officers of KEN).</summary>
    public static TheoryData<string, string> Problems => new()
    {
        { "pinned at a conflict of interest", Problem("""[{"id":"A","contingentNationalities":["KEN"]},{"id":"B"}]""", """[{"id":"O1"}]""", pinned: """[{"officer":"O1","period":0,"site":"A"}]""") },
        { "pinned outside the mission", Problem("""[{"id":"A"},{"id":"N1","mission":"N"}]""", """[{"id":"O1"},{"id":"O2","mission":"N"}]""", pinned: """[{"officer":"O1","period":1,"site":"N1"}]""") },
        { "pinned twice in a period", Problem("""[{"id":"A"},{"id":"B"}]""", """[{"id":"O1"}]""", pinned: """[{"officer":"O1","period":0,"site":"A"},{"officer":"O1","period":0,"site":"B"}]""") },
        { "a mission without sites", Problem("""[{"id":"A"}]""", """[{"id":"O1"},{"id":"O2","mission":"N"}]""") },
        { "every site a conflict of interest", Problem("""[{"id":"A","contingentNationalities":["KEN"]}]""", """[{"id":"O1"}]""") },
        { "a site nobody may cover", Problem("""[{"id":"A"},{"id":"B","contingentNationalities":["KEN"]}]""", """[{"id":"O1"},{"id":"O2"}]""") },
        { "a mission without officers", Problem("""[{"id":"A"},{"id":"N1","mission":"N"}]""", """[{"id":"O1"}]""") },
        { "too few officers", Problem("""[{"id":"A"},{"id":"B"},{"id":"C"}]""", """[{"id":"O1","currentSite":"A"}]""") },
        { "too few who may serve", Problem("""[{"id":"A","contingentNationalities":["RWA"]},{"id":"B","contingentNationalities":["RWA"]},{"id":"C"},{"id":"D"}]""",
            """[{"id":"X"},{"id":"Y","nationality":"RWA","unavailablePeriods":[0]},{"id":"Z","nationality":"RWA"},{"id":"W","nationality":"RWA"},{"id":"V","nationality":"RWA"}]""") },
        { "tenure and no early return", Problem("""[{"id":"A"},{"id":"B"}]""", """[{"id":"O1","currentSite":"A","periodsAtCurrentSite":1,"recentSites":[{"site":"B","periodsSinceLeft":1}]}]""", maxConsecutive: 1, minReturn: 3) },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void EverySentenceThePlannerWrites_IsSaidInFrench(string kind, string json)
    {
        var read = ProblemReader.Read(json);
        Assert.Null(read.Error);
        var plan = RotationPlanner.Plan(read.Problem!, new PlannerOptions { Threads = 1, TimeLimit = TimeSpan.FromSeconds(10), RandomSeed = 3 },
            TestContext.Current.CancellationToken);
        var sentences = plan.Infeasible.Concat(plan.Warnings).ToList();
        Assert.True(sentences.Count > 0, $"{kind}: the planner said nothing");
        foreach (var sentence in sentences)
        {
            var french = InFrench(sentence);
            Assert.NotEqual(sentence, french);
            // Words of the English phrasings: none is left once every part is translated.
            Assert.DoesNotMatch(@"\b(?:the|cannot|period|periods|officer|officers|posting|postings|rule|uncovered|served|mission of)\b", french);
        }
    }

    private static string Problem(string sites, string officers, string pinned = "[]", int maxConsecutive = 6, int minReturn = 12) =>
        new JsonObject
        {
            ["horizon"] = new JsonObject { ["start"] = "2027-01-01", ["periods"] = 4, ["periodMonths"] = 1 },
            ["rules"] = new JsonObject
            {
                ["maxConsecutivePeriods"] = maxConsecutive,
                ["minPeriodsBeforeReturn"] = minReturn,
                ["weights"] = new JsonObject { ["uncovered"] = 100000, ["languageGap"] = 500, ["move"] = 200, ["travelKm"] = 1 },
            },
            ["sites"] = Defaults(sites, new JsonObject { ["mission"] = "M", ["lat"] = 0, ["lon"] = 0 }),
            ["officers"] = Defaults(officers, new JsonObject { ["mission"] = "M", ["nationality"] = "KEN" }),
            ["pinned"] = JsonNode.Parse(pinned),
        }.ToJsonString();

    // The problem reader refuses a field given twice, so a default is added only where the row lacks it.
    private static JsonArray Defaults(string rows, JsonObject defaults)
    {
        var array = JsonNode.Parse(rows)!.AsArray();
        foreach (var row in array.Select(r => r!.AsObject()))
        {
            foreach (var (name, value) in defaults)
            {
                if (!row.ContainsKey(name))
                {
                    row[name] = value!.DeepClone();
                }
            }
        }
        return array;
    }
}
