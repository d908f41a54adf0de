using System.Collections.Immutable;

namespace Vigil.Matching;

/// <summary>
/// A person to compare: a registry record or a roster entry. Immutable; names are parsed and
/// identifiers normalised once, on construction.
/// </summary>
public sealed class ScreeningSubject
{
    /// <summary>Creates a subject.</summary>
    /// <param name="id">The record or person identifier; not empty.</param>
    /// <param name="fullName">The primary name, any script and order; must hold at least one letter.</param>
    /// <param name="aliases">Other names; blank ones are ignored.</param>
    /// <param name="birthDate">The date of birth, if known (possibly partial).</param>
    /// <param name="nationality">ISO 3166-1 alpha-3 code, any case, or null/empty when unknown.</param>
    /// <param name="identifiers">Document, index or service numbers in any format; those empty once normalised are ignored.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="fullName"/> is null.</exception>
    /// <exception cref="ArgumentException">The id is empty, the name has no letter, or the nationality is not three letters.</exception>
    public ScreeningSubject(
        string id,
        string fullName,
        IEnumerable<string>? aliases = null,
        BirthDate? birthDate = null,
        string? nationality = null,
        IEnumerable<string>? identifiers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(fullName);
        var primary = PersonName.Parse(fullName);
        if (primary.Parts.IsEmpty)
        {
            throw new ArgumentException("The full name must hold at least one letter.", nameof(fullName));
        }
        var names = ImmutableArray.CreateBuilder<PersonName>();
        names.Add(primary);
        foreach (var alias in aliases ?? [])
        {
            if (!string.IsNullOrWhiteSpace(alias) && PersonName.Parse(alias) is { Parts.IsEmpty: false } parsed)
            {
                names.Add(parsed);
            }
        }
        if (!string.IsNullOrWhiteSpace(nationality))
        {
            nationality = nationality.Trim().ToUpperInvariant();
            if (nationality.Length != 3 || !nationality.All(char.IsAsciiLetterUpper))
            {
                throw new ArgumentException($"The nationality must be an ISO 3166-1 alpha-3 code, not '{nationality}'.", nameof(nationality));
            }
        }
        Id = id;
        Names = names.DrainToImmutable();
        BirthDate = birthDate;
        Nationality = string.IsNullOrWhiteSpace(nationality) ? null : nationality;
        Identifiers = [.. (identifiers ?? []).Where(i => i is not null).Select(Matching.Identifiers.Normalize).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The record or person identifier.</summary>
    public string Id { get; }

    /// <summary>The primary name first, then the aliases; never empty.</summary>
    public ImmutableArray<PersonName> Names { get; }

    /// <summary>The date of birth, if known.</summary>
    public BirthDate? BirthDate { get; }

    /// <summary>The upper-case ISO 3166-1 alpha-3 code, or null.</summary>
    public string? Nationality { get; }

    /// <summary>Identifiers in <see cref="Matching.Identifiers.Normalize"/> form, distinct.</summary>
    public ImmutableArray<string> Identifiers { get; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
