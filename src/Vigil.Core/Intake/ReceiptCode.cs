using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Intake;

/// <summary>
/// The anonymous reporter's receipt: 20 characters of Crockford base32 (100 bits) in five groups of
/// four, e.g. <c>7K3M-Q9TX-2HBW-5NRD-C8VF</c>. Crockford's alphabet has no I, L, O or U, and reading
/// forgives the look-alikes (O→0, I/L→1), case, spaces and dashes, so it survives being read aloud
/// over a bad phone line and copied by hand.
/// </summary>
public static class ReceiptCode
{
    public const int Characters = 20;
    public const int EntropyBits = Characters * 5;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        var chars = new char[Characters];
        for (var i = 0; i < Characters; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return Format(new string(chars));
    }

    /// <summary>Normalises what a person typed; false when it cannot be a receipt.</summary>
    public static bool TryNormalize(string? typed, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (typed is null || typed.Length > 64)
        {
            return false;
        }
        var builder = new StringBuilder(Characters);
        foreach (var raw in typed)
        {
            if (raw is ' ' or '-' or '\t')
            {
                continue;
            }
            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
            builder.Append(c);
        }
        if (builder.Length != Characters)
        {
            return false;
        }
        normalized = Format(builder.ToString());
        return true;
    }

    /// <summary>The keyed hash stored in place of the receipt: HMAC-SHA-256 under a key kept outside the database.</summary>
    public static byte[] Hash(string normalized, byte[] key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("receipt:" + normalized));

    private static string Format(string compact) => string.Join('-', Enumerable.Range(0, Characters / 4).Select(i => compact.Substring(i * 4, 4)));
}
