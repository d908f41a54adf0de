using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Access;

/// <summary>
/// Identity's EF store, except that recovery codes are kept as SHA-256 hashes (Identity keeps them
/// in clear): the database alone cannot be used to pass the second factor.
/// </summary>
public sealed class VigilUserStore(VigilDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<VigilUser, IdentityRole, VigilDbContext>(context, describer)
{
    public override Task ReplaceCodesAsync(VigilUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override Task<bool> RedeemCodeAsync(VigilUser user, string code, CancellationToken cancellationToken = default) =>
        base.RedeemCodeAsync(user, Hash(code), cancellationToken);

    private static string Hash(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
