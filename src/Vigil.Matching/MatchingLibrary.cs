namespace Vigil.Matching;

/// <summary>
/// Marker for the name-matching engine. The engine itself arrives with the screening issue;
/// this library stays pure: no database, no web.
/// </summary>
public static class MatchingLibrary
{
    /// <summary>The version of the matching rules, recorded with every screening result.</summary>
    public const int RulesVersion = 0;
}
