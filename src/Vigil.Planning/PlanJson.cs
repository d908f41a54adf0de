using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Planning;

/// <summary>Writes plans in the spec's JSON shape (camelCase; status in capitals; null objective, bound and breakdown when there is no plan).</summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The plan as JSON text.</summary>
    /// <param name="plan">The plan.</param>
    /// <param name="indented">Indent for people.</param>
    public static string Write(RotationPlan plan, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var root = new JsonObject
        {
            ["status"] = plan.Status.ToString().ToUpperInvariant(),
            ["objective"] = plan.Objective,
            ["bound"] = plan.Bound,
            // "breakdown … sums to objective": without a plan (objective null) there is nothing to break down.
            ["breakdown"] = plan.Breakdown is not { } breakdown ? null : new JsonObject
            {
                ["uncovered"] = breakdown.Uncovered,
                ["languageGap"] = breakdown.LanguageGap,
                ["move"] = breakdown.Move,
                ["travelKm"] = breakdown.TravelKm,
            },
            ["postings"] = new JsonArray([.. plan.Postings.Select(p => (JsonNode)new JsonObject
            {
                ["officer"] = p.OfficerId,
                ["period"] = p.Period,
                ["site"] = p.SiteId,
            })]),
            ["uncovered"] = new JsonArray([.. plan.Uncovered.Select(u => (JsonNode)new JsonObject
            {
                ["site"] = u.SiteId,
                ["period"] = u.Period,
                ["missing"] = u.Missing,
            })]),
            ["infeasible"] = new JsonArray([.. plan.Infeasible.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["warnings"] = new JsonArray([.. plan.Warnings.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["solveSeconds"] = Math.Round(plan.SolveSeconds, 3),
        };
        return root.ToJsonString(indented ? Indented : JsonSerializerOptions.Default);
    }
}
