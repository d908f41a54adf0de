using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Vigil.Core.Security;

/// <summary>
/// Seals the ASP.NET data-protection key ring (which signs cookies and antiforgery tokens) with a
/// field key from the key file before it is stored in the database. Without this, anyone who reads
/// the database could forge a session cookie. The sealed element carries the key version like every
/// other sealed value, so <c>vigil keys rotate</c> re-wraps it too.
/// </summary>
public sealed class SealedXmlEncryptor(FieldProtector protector) : IXmlEncryptor
{
    public const string Purpose = "data-protection.key";
    public static readonly XName ElementName = XName.Get("sealedKey", "urn:vigil:data-protection");

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var xml = plaintextElement.ToString(SaveOptions.DisableFormatting);
        var element = new XElement(ElementName, Convert.ToBase64String(protector.Seal(xml, Purpose)));
        return new EncryptedXmlInfo(element, typeof(SealedXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="SealedXmlEncryptor"/> sealed. Created by data protection through its service provider.</summary>
public sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var protector = services.GetRequiredService<FieldProtector>();
        return XElement.Parse(protector.Unseal(Convert.FromBase64String(encryptedElement.Value), SealedXmlEncryptor.Purpose));
    }
}

public static class SealedXmlExtensions
{
    /// <summary>Encrypts data-protection keys at rest with the key file's current field key.</summary>
    public static IDataProtectionBuilder ProtectKeysWithKeyRing(this IDataProtectionBuilder builder)
    {
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlEncryptor = new SealedXmlEncryptor(services.GetRequiredService<FieldProtector>())));
        return builder;
    }
}
