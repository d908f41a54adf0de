using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Core.Data;

namespace Vigil.Core.Access;

/// <summary>Adds the user's scope grants as claims, so that each request reads them without a query.</summary>
public sealed class VigilClaimsPrincipalFactory(
    UserManager<VigilUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, VigilDbContext db)
    : UserClaimsPrincipalFactory<VigilUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(VigilUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("vigil:name", user.DisplayName));
        var scopes = await db.UserScopes.AsNoTracking().Where(s => s.UserId == user.Id).ToListAsync();
        foreach (var scope in scopes)
        {
            identity.AddClaim(new Claim(CallerScope.ScopeClaim, CallerScope.ClaimValue(scope.Kind, scope.Value)));
        }
        return identity;
    }
}
