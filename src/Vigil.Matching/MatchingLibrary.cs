namespace Vigil.Matching;

/// <summary>
/// Marker for the name-matching engine. The library stays pure: no database, no web.
/// </summary>
public static class MatchingLibrary
{
    /// <summary>
    /// The version of the matching rules, recorded with every screening result. It changes whenever a
    /// rule changes in a way that can change a score, so that stored results can be told apart.
    /// </summary>
    public const int RulesVersion = 1;
}
