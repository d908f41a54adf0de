using System.Security.Cryptography;

namespace Vigil.Core.Security;

/// <summary>
/// The audit log's secrets from the key file: the HMAC key of the chain's head record, and the
/// ECDSA P-256 key that signs checkpoints (its public half travels with every exported checkpoint).
/// </summary>
public sealed class AuditKeys
{
    private readonly byte[] signingKey;

    private AuditKeys(byte[] headKey, byte[] signingKeyPkcs8)
    {
        if (headKey.Length != 32)
        {
            throw new InvalidOperationException("The audit key in the key file is not 256 bits.");
        }
        HeadKey = headKey;
        signingKey = signingKeyPkcs8;
        using var ecdsa = CreateSigner();
        PublicKey = ecdsa.ExportSubjectPublicKeyInfo();
        KeyId = IdOf(PublicKey);
    }

    public byte[] HeadKey { get; }

    /// <summary>SubjectPublicKeyInfo (DER) of the checkpoint signing key.</summary>
    public byte[] PublicKey { get; }

    public string KeyId { get; }

    public static AuditKeys Generate()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new AuditKeys(RandomNumberGenerator.GetBytes(32), ecdsa.ExportPkcs8PrivateKey());
    }

    public static AuditKeys From(byte[] headKey, byte[] signingKeyPkcs8) => new(headKey, signingKeyPkcs8);

    public byte[] ExportSigningKey() => (byte[])signingKey.Clone();

    public byte[] Sign(byte[] data)
    {
        using var ecdsa = CreateSigner();
        return ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static bool Verify(byte[] publicKey, byte[] data, byte[] signature)
    {
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(publicKey, out _);
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static string IdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey))[..16];

    private ECDsa CreateSigner()
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(signingKey, out _);
        return ecdsa;
    }
}
