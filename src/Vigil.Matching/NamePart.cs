namespace Vigil.Matching;

/// <summary>
/// One word of a parsed name, in the forms that comparison needs. Immutable.
/// </summary>
public sealed class NamePart
{
    internal NamePart(string surface, string normalized, bool isInitial)
    {
        Surface = surface;
        Normalized = normalized;
        IsInitial = isInitial;
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

    /// <inheritdoc/>
    public override string ToString() => Surface;
}
