using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Vigil.Web.Screening;

/// <summary>
/// The matching engine's reasons (English, as the CLI's match file and the API give them) in the page's language: each
/// "; "-separated reason is one of the engine's few phrasings (CandidateScorer, NameComparison.Describe,
/// BirthDateComparison.Describe), read back into a resource key and its values. A phrasing not known here is shown as
/// the engine wrote it, never dropped.
/// </summary>
public static partial class ReasonWords
{
    /// <summary>Reasons without values: the resource key is "reason:" and the English phrase.</summary>
    public static readonly IReadOnlySet<string> Fixed = new HashSet<string>(StringComparer.Ordinal)
    {
        "names differ",
        "birth date agrees",
        "birth year and month agree",
        "birth year agrees",
        "birth date agrees with day and month swapped",
        "birth date differs by one digit",
        "birth year differs by one digit",
        "birth year one apart",
        "birth dates differ",
        "nationality agrees",
        "identifiers of the same kind differ",
    };

    public static string Localize(string reasons, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(t);
        return string.Join("; ", reasons.Split("; ").Select(r => One(r, t)));
    }

    private static string One(string reason, IStringLocalizer t)
    {
        if (Fixed.Contains(reason))
        {
            return t["reason:" + reason];
        }
        if (NameReason().Match(reason) is { Success: true } name)
        {
            var details = name.Groups["details"].Success
                ? " (" + string.Join(", ", name.Groups["details"].Value.Split(", ").Select(d => Unmatched().Match(d) is { Success: true } u ? t["reason:{0} unmatched", u.Groups[1].Value].Value : d)) + ")"
                : "";
            var text = t["reason:name {0}", name.Groups["score"].Value] + details;
            return name.Groups["alias"].Success ? t["reason:{0} with the alias {1}", text, name.Groups["alias"].Value] : text;
        }
        foreach (var (pattern, key) in WithValues)
        {
            if (pattern.Match(reason) is { Success: true } m)
            {
                return t[key, [.. m.Groups.Values.Skip(1).Select(g => (object)g.Value)]];
            }
        }
        return reason;
    }

    private static readonly (Regex Pattern, string Key)[] WithValues =
    [
        (BirthDatesDiffer(), "reason:birth dates differ ({0} vs {1})"),
        (RosterBirthSetAside(), "reason:birth date {0} on the roster set aside (not plausible)"),
        (RecordBirthSetAside(), "reason:birth date {0} on record set aside (not plausible)"),
        (NationalityDiffers(), "reason:nationality differs ({0} vs {1})"),
        (CommonName(), "reason:common name: about {0} others would agree this well by chance"),
        (IdentifierAgrees(), "reason:identifier {0} agrees"),
    ];

    [GeneratedRegex(@"^name (?<score>\d\.\d\d)(?: \((?<details>.*)\))?(?: with the alias (?<alias>.+))?$")]
    private static partial Regex NameReason();

    [GeneratedRegex(@"^(.+) unmatched$")]
    private static partial Regex Unmatched();

    [GeneratedRegex(@"^birth dates differ \((.+) vs (.+)\)$")]
    private static partial Regex BirthDatesDiffer();

    [GeneratedRegex(@"^birth date (.+) on the roster set aside \(not plausible\)$")]
    private static partial Regex RosterBirthSetAside();

    [GeneratedRegex(@"^birth date (.+) on record set aside \(not plausible\)$")]
    private static partial Regex RecordBirthSetAside();

    [GeneratedRegex(@"^nationality differs \((.*) vs (.*)\)$")]
    private static partial Regex NationalityDiffers();

    [GeneratedRegex(@"^common name: about (.+) others would agree this well by chance$")]
    private static partial Regex CommonName();

    [GeneratedRegex(@"^identifier (.+) agrees$")]
    private static partial Regex IdentifierAgrees();
}
