namespace Vigil.Planning;

/// <summary>
/// Marker for the rotation planner. The CP-SAT model arrives with the presence and rotation issue;
/// this library stays pure: no database, no web.
/// </summary>
public static class PlanningLibrary
{
    /// <summary>The version of the planning model, recorded with every plan.</summary>
    public const int ModelVersion = 0;
}
