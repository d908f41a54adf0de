using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Core.Security;

/// <summary>
/// Seals sensitive text (narratives, contacts, messages) with AES-256-GCM before it reaches the
/// database. Layout: key version (4 bytes, big-endian) | nonce (12) | tag (16) | ciphertext. The
/// version lets keys rotate: old rows stay readable until re-encrypted. The purpose string is bound
/// as associated data, so a sealed narrative cannot be swapped into a contact column unnoticed.
/// </summary>
public sealed class FieldProtector(KeyRing keys)
{
    private const int VersionSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public byte[] Seal(string plaintext, string purpose) => SealBytes(Encoding.UTF8.GetBytes(plaintext), purpose);

    public string Unseal(byte[] sealedData, string purpose) => Encoding.UTF8.GetString(UnsealBytes(sealedData, purpose));

    public byte[] SealBytes(byte[] data, string purpose)
    {
        var version = keys.CurrentFieldKeyVersion;
        var output = new byte[VersionSize + NonceSize + TagSize + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(output, version);
        var nonce = output.AsSpan(VersionSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.FieldKey(version), TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(VersionSize + NonceSize + TagSize), output.AsSpan(VersionSize + NonceSize, TagSize), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] UnsealBytes(byte[] sealedData, string purpose)
    {
        if (sealedData.Length < VersionSize + NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed data is too short.");
        }
        var version = BinaryPrimitives.ReadInt32BigEndian(sealedData);
        var plaintext = new byte[sealedData.Length - VersionSize - NonceSize - TagSize];
        using var aes = new AesGcm(keys.FieldKey(version), TagSize);
        aes.Decrypt(sealedData.AsSpan(VersionSize, NonceSize), sealedData.AsSpan(VersionSize + NonceSize + TagSize),
            sealedData.AsSpan(VersionSize + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }

    /// <summary>True when the key file holds <paramref name="version"/> (after re-reading it once, as an unseal would).</summary>
    public bool Holds(int version)
    {
        try
        {
            keys.FieldKey(version);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The key version a sealed value was written with (its first four bytes).</summary>
    public static int VersionOf(ReadOnlySpan<byte> sealedData) =>
        sealedData.Length < VersionSize ? throw new CryptographicException("Sealed data is too short.") : BinaryPrimitives.ReadInt32BigEndian(sealedData);

    /// <summary>Re-seals a value under the current key; null when it already uses the current key.</summary>
    public byte[]? ResealIfStale(byte[] sealedData, string purpose)
    {
        if (VersionOf(sealedData) == keys.CurrentFieldKeyVersion)
        {
            return null;
        }
        var plaintext = UnsealBytes(sealedData, purpose);
        try
        {
            return SealBytes(plaintext, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public byte[]? SealOptional(string? plaintext, string purpose) => plaintext is null ? null : Seal(plaintext, purpose);

    public string? UnsealOptional(byte[]? sealedData, string purpose) => sealedData is null ? null : Unseal(sealedData, purpose);
}
