using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Access;

public sealed record NewAccount(string UserName, string DisplayName, string Password, string Role, IReadOnlyList<(ScopeKind Kind, string Value)> Scopes);

/// <summary>Creates staff accounts with one role and their scope grants; checks scopes against reference data.</summary>
public sealed class AccountAdministration(VigilDbContext db, UserManager<VigilUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        ct.ThrowIfCancellationRequested();
    }

    public async Task<Result<string>> CreateAsync(NewAccount account, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(account.UserName))
        {
            return ValidationError.For("user", "A user name is required.");
        }
        if (!Roles.All.Contains(account.Role))
        {
            return ValidationError.For("role", $"Unknown role '{account.Role}'. Roles: {string.Join(", ", Roles.All)}.");
        }
        foreach (var (kind, value) in account.Scopes)
        {
            var problem = kind switch
            {
                ScopeKind.Global => value == "*" ? null : "A global scope has the value '*'.",
                ScopeKind.Mission => await db.Missions.AnyAsync(m => m.Code == value, ct) ? null : $"Unknown mission '{value}'.",
                ScopeKind.Country => Countries.IsKnown(value) ? null : $"'{value}' is not an ISO 3166-1 alpha-3 country code.",
                ScopeKind.Assignment => string.IsNullOrWhiteSpace(value) ? "An assignment names a case." : null,
            };
            if (problem is not null)
            {
                return ValidationError.For("scope", problem);
            }
        }
        if (await users.FindByNameAsync(account.UserName) is not null)
        {
            return new ConflictError($"The user name '{account.UserName}' is taken.");
        }
        await EnsureRolesAsync(ct);
        var user = new VigilUser { UserName = account.UserName, DisplayName = account.DisplayName };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            // Identity checks the user name and the password in one call: name the field each error is about.
            var field = created.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "user";
            return ValidationError.For(field, string.Join(" ", created.Errors.Where(e => field == "password" || !e.Code.StartsWith("Password", StringComparison.Ordinal)).Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, account.Role);
        db.UserScopes.AddRange(account.Scopes.Select(s => new UserScope { UserId = user.Id, Kind = s.Kind, Value = s.Value }));
        await db.SaveChangesAsync(ct);
        return user.Id;
    }
}
