using System.Text;
using Vigil.Core.Access;

namespace Vigil.Core.Tests.Access;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 seed "12345678901234567890"; the 6-digit code is the last six of the 8-digit value.
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Compute_MatchesTheRfc6238TestVectors(long unixSeconds, string eightDigits)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");
        var step = Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(eightDigits, Totp.Compute(key, step, digits: 8));
        Assert.Equal(eightDigits[2..], Totp.Compute(key, step));
    }

    [Fact]
    public void Base32_RoundTrips_AndANewSecretHas160Bits()
    {
        var secret = Totp.NewSecret();
        Assert.Equal(32, secret.Length);
        Assert.Equal(20, Totp.DecodeSecret(secret).Length);
        Assert.Equal(secret, Totp.Base32Encode(Totp.DecodeSecret(secret.ToLowerInvariant())));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.Base32Encode(Encoding.ASCII.GetBytes("12345678901234567890")));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("12345", null)]
    [InlineData("12345a", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalise_KeepsSixDigitsOnly(string? typed, string? expected) => Assert.Equal(expected, Totp.Normalise(typed));

    [Fact]
    public void OtpAuthUri_NamesIssuerAccountAndParameters()
    {
        var uri = Totp.OtpAuthUri("Vigil", "officer", "JBSWY3DPEHPK3PXP");
        Assert.Equal("otpauth://totp/Vigil:officer?secret=JBSWY3DPEHPK3PXP&issuer=Vigil&algorithm=SHA1&digits=6&period=30", uri);
    }
}
