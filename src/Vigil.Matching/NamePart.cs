namespace Vigil.Matching;

/// <summary>
/// One word of a parsed name, in the forms that comparison needs. Immutable.
/// </summary>
public sealed class NamePart
{
    internal NamePart(string surface, string normalized, bool isInitial, bool afterConnector = false)
    {
        Surface = surface;
        Normalized = normalized;
        IsInitial = isInitial;
        AfterConnector = afterConnector;
        IsUnvocalized = surface.Any(ArabicTransliterator.IsArabic);
        Stem = !isInitial && normalized.Length >= 6 && (normalized.StartsWith("abd", StringComparison.Ordinal) || normalized.StartsWith("abu", StringComparison.Ordinal)) && !NameVariants.IsKnown(normalized)
            ? normalized[3..]
            : normalized;
        Canonical = isInitial ? normalized : NameVariants.CanonicalOf(normalized);
        Key = isInitial ? normalized.ToUpperInvariant() : PhoneticKey.Compute(Canonical);
        SpellingKey = isInitial ? Key : PhoneticKey.Compute(normalized);
    }

    /// <summary>The word as written in the input, with any particle that was folded into it (<c>Abd al-Rahman</c>, <c>محمد</c>).</summary>
    public string Surface { get; }

    /// <summary>Lower-case ASCII letters (<c>abdrahman</c>, <c>mhmd</c>).</summary>
    public string Normalized { get; }

    /// <summary>The canonical spelling from <see cref="NameVariants"/>, or <see cref="Normalized"/> when the word is in no family.</summary>
    public string Canonical { get; }

    /// <summary>The <see cref="PhoneticKey"/> of <see cref="Canonical"/>; for an initial, the upper-case letter. Used for blocking and for word frequencies.</summary>
    public string Key { get; }

    /// <summary>The <see cref="PhoneticKey"/> of <see cref="Normalized"/> (differs from <see cref="Key"/> only for words in a variant family).</summary>
    public string SpellingKey { get; }

    /// <summary>True for a single letter (<c>M.</c> in <c>M. Diallo</c>), which stands for any word starting with it.</summary>
    public bool IsInitial { get; }

    /// <summary>
    /// The word without a joined servant or father prefix (<c>abdrahman</c> → <c>rahman</c>,
    /// <c>abubakr</c> → <c>bakr</c>); the <see cref="Normalized"/> word when it has none.
    /// </summary>
    public string Stem { get; }

    /// <summary>True when the word came after a patronymic connector (bin, ben, ibn, ould…): it names a father or ancestor.</summary>
    public bool AfterConnector { get; }

    /// <summary>True when the word was written in Arabic script, whose short vowels are not written: only consonants can be compared.</summary>
    public bool IsUnvocalized { get; }

    /// <inheritdoc/>
    public override string ToString() => Surface;
}
