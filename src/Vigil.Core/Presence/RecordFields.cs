using Vigil.Core.Common;
using Vigil.Core.Reference;

namespace Vigil.Core.Presence;

/// <summary>
/// The checks of a reference record's fields as a form or an API body gives them, for the chief's additions and
/// corrections: the limits are the import's (<see cref="ReferenceRules"/>), the words a form's. Each check puts its fault
/// under the field's name in <c>errors</c> and returns null, so that every fault is named at once.
/// </summary>
internal static class RecordFields
{
    /// <summary>
    /// Required text, trimmed, of at most <paramref name="maxLength"/> characters, on one line (a name, a grade, a unit:
    /// a control character would split it on pages and in exports, and PostgreSQL refuses NUL).
    /// </summary>
    public static string? Text(Dictionary<string, Words[]> errors, string field, string? value, int maxLength, Words missing)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = [missing];
            return null;
        }
        if (text.Length > maxLength)
        {
            errors[field] = [$"At most {maxLength} characters ({text.Length} given)."];
            return null;
        }
        if (NameText.ControlIn(text) is { } control)
        {
            // Named as the field is on the form: a name as names are refused everywhere, other text by what it is.
            errors[field] = [field switch
            {
                "fullName" => NameText.OneLine(control),
                "name" => NameText.NotOneLine(text, "site's name")!,
                _ => NameText.NotOneLine(text, field)!,
            }];
            return null;
        }
        return text;
    }

    /// <summary>A new record's code: required, at most <paramref name="maxLength"/> characters, none that a route cannot hold.</summary>
    public static string? Code(Dictionary<string, Words[]> errors, string? value, int maxLength, Words missing)
    {
        var code = Text(errors, "code", value, maxLength, missing);
        if (code is not null && ReferenceRules.CodeFault(code) is { } bad)
        {
            // A space is the usual slip (a code typed as words): said plainly, with the way codes are written.
            errors["code"] = [bad == ' '
                ? (Words)"A code holds no space: join its parts with hyphens, e.g. MINUSCA-BRI."
                : (Words)$"A code holds no space, control character, /, \\, ?, # or % ({ReferenceRules.Described(bad)} given)."];
            return null;
        }
        return code;
    }

    /// <summary>An ISO 3166-1 alpha-3 code, in capitals.</summary>
    public static string? Country(Dictionary<string, Words[]> errors, string field, string? value, Words missing)
    {
        var country = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country))
        {
            errors[field] = [missing];
            return null;
        }
        if (!Countries.IsKnown(country))
        {
            errors[field] = [$"'{QuotedValue.Shown(country, 40)}' is not an ISO 3166-1 alpha-3 country code."];
            return null;
        }
        return country;
    }

    /// <summary>At least one ISO 639 code, lower case, without repeats.</summary>
    public static List<string>? Languages(Dictionary<string, Words[]> errors, IReadOnlyList<string>? given, Words missing)
    {
        var (codes, bad) = LanguageCodes.Normalise(given ?? []);
        if (bad is not null)
        {
            errors["languages"] = [$"'{QuotedValue.Shown(bad, 40)}' is not an ISO 639 language code: give one such as fr, en or sag."];
            return null;
        }
        if (codes.Count == 0)
        {
            errors["languages"] = [missing];
            return null;
        }
        return codes;
    }

    public static SiteKind? Kind(Dictionary<string, Words[]> errors, string? value)
    {
        if (SiteKinds.TryParse(value?.Trim(), out var kind))
        {
            return kind;
        }
        errors["kind"] = string.IsNullOrWhiteSpace(value)
            ? [$"Choose the kind of site: {SiteKinds.AllLabels}."]
            : [$"'{QuotedValue.Shown(value.Trim(), 40)}' is not a kind of site: choose one of {SiteKinds.AllLabels}."];
        return null;
    }

    public static PersonnelCategory? Category(Dictionary<string, Words[]> errors, string? value)
    {
        if (PersonnelCategories.TryParse(value?.Trim(), out var category))
        {
            return category;
        }
        errors["category"] = string.IsNullOrWhiteSpace(value)
            ? [$"Choose the category: {PersonnelCategories.AllLabels}."]
            : [$"'{QuotedValue.Shown(value.Trim(), 40)}' is not a category: choose one of {PersonnelCategories.AllLabels}."];
        return null;
    }

    /// <summary>A site's position: both coordinates, each in its range.</summary>
    public static (double Latitude, double Longitude)? Position(Dictionary<string, Words[]> errors, double? latitude, double? longitude)
    {
        var ok = true;
        if (latitude is not { } lat || !ReferenceRules.IsLatitude(lat))
        {
            errors["latitude"] = ["Give the latitude in decimal degrees (WGS 84), from -90 to 90."];
            ok = false;
        }
        if (longitude is not { } lon || !ReferenceRules.IsLongitude(lon))
        {
            errors["longitude"] = ["Give the longitude in decimal degrees (WGS 84), from -180 to 180."];
            ok = false;
        }
        return ok ? (latitude!.Value, longitude!.Value) : null;
    }

    public static string? Unit(Dictionary<string, Words[]> errors, string? value) =>
        Text(errors, "unit", value, ReferenceRules.UnitLength, "Give the unit's designation, e.g. RWABATT 2.");

    public static int? Strength(Dictionary<string, Words[]> errors, int? value)
    {
        if (value is { } strength && strength >= ReferenceRules.MinStrength)
        {
            return strength;
        }
        errors["strength"] = ["Give the authorised strength, a whole number of at least 1."];
        return null;
    }

    /// <summary>A contingent's arrival day: given, from 1948 to <see cref="RotationRuns.MaxYearsAhead"/> years ahead.</summary>
    public static DateOnly? Arrival(Dictionary<string, Words[]> errors, string field, DateOnly? value, DateOnly today)
    {
        if (value is not { } from)
        {
            errors[field] = ["Give the arrival day (yyyy-MM-dd)."];
            return null;
        }
        if (!Plausible(from, today))
        {
            errors[field] = [$"'{from:yyyy-MM-dd}' is not a plausible arrival day: give a date from 1948 to {RotationRuns.MaxYearsAhead} years ahead."];
            return null;
        }
        return from;
    }

    /// <summary>A day the chief may record for a reference record: from 1948 to <see cref="RotationRuns.MaxYearsAhead"/> years ahead.</summary>
    public static bool Plausible(DateOnly day, DateOnly today) => day >= Cases.RecordDates.Earliest && day <= today.AddYears(RotationRuns.MaxYearsAhead);
}
