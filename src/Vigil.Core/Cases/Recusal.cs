using Vigil.Core.Common;

namespace Vigil.Core.Cases;

/// <summary>
/// Conflict of interest: an officer or investigator who shares a subject's nationality, or is
/// posted at the case's site, is kept off the case. Returns the reason, or null when clear.
/// </summary>
public static class Recusal
{
    public static Words? Reason(string? userNationality, IReadOnlyCollection<int> userSiteIds, IEnumerable<string?> subjectNationalities, int? caseSiteId)
    {
        if (userNationality is not null && subjectNationalities.Any(n => string.Equals(n, userNationality, StringComparison.Ordinal)))
        {
            return (Words)$"shares the nationality ({userNationality}) of a subject";
        }
        if (caseSiteId is { } site && userSiteIds.Contains(site))
        {
            return (Words)"is posted at the subject's site";
        }
        return null;
    }
}
