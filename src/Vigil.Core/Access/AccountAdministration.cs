using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Audit;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Reference;

namespace Vigil.Core.Access;

/// <summary>
/// A new account. <c>Nationality</c> (ISO alpha-3) keeps the user off cases about co-nationals (recusal);
/// <c>OfficerCode</c> links the user's conduct officer record (e.g. CDO-0042), whose current postings count for
/// recusal, and whose nationality is used when none is given.
/// </summary>
public sealed record NewAccount(string UserName, string DisplayName, string Password, string Role, IReadOnlyList<(ScopeKind Kind, string Value)> Scopes,
    string? Nationality = null, string? OfficerCode = null);

/// <summary>A change of an account's role, and optionally of its scopes (null: kept), nationality and officer link (null: kept).</summary>
public sealed record AccountChange(string UserName, string Role, IReadOnlyList<(ScopeKind Kind, string Value)>? Scopes, string? Nationality = null, string? OfficerCode = null);

/// <summary>
/// Staff accounts: creation with one role and its scope grants (checked against reference data), and the ways
/// to take access back: disable, enable, a new password, a new role or scope. Every change that takes access
/// away, and a new password, changes the security stamp: every session and bearer token of the account stops
/// working at its next request. Each is written to the audit log (the changes by the interceptor, plus one
/// event naming what was done).
/// </summary>
public sealed class AccountAdministration(VigilDbContext db, UserManager<VigilUser> users, RoleManager<IdentityRole> roles, IAuditTrail audit)
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
        if (CheckRole(account.Role) is { } badRole)
        {
            return badRole;
        }
        if (await CheckScopesAsync(account.Scopes, ct) is { } badScope)
        {
            return badScope;
        }
        var links = await ResolveLinksAsync(account.Nationality, account.OfficerCode, ct);
        if (!links.IsSuccess)
        {
            return links.Error!;
        }
        if (await users.FindByNameAsync(account.UserName) is not null)
        {
            return new ConflictError($"The user name '{account.UserName}' is taken.");
        }
        await EnsureRolesAsync(ct);
        var user = new VigilUser { UserName = account.UserName, DisplayName = account.DisplayName, Nationality = links.Value.Nationality, OfficerId = links.Value.OfficerId };
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

    /// <summary>Disables the account: no sign-in (password, code, token or identity provider) until enabled, and every session ends now.</summary>
    public async Task<Result<bool>> DisableAsync(string userName, CancellationToken ct = default)
    {
        if (await FindAsync(userName) is not { } user)
        {
            return NoSuchUser(userName);
        }
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(VigilUser), user.Id, "account disabled; signed out everywhere"), ct);
        return true;
    }

    /// <summary>Enables a disabled (or locked) account again; its sessions ended when it was disabled, so the person signs in anew.</summary>
    public async Task<Result<bool>> EnableAsync(string userName, CancellationToken ct = default)
    {
        if (await FindAsync(userName) is not { } user)
        {
            return NoSuchUser(userName);
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(VigilUser), user.Id, "account enabled"), ct);
        return true;
    }

    /// <summary>Sets a new password (the password rules apply) and signs the account out everywhere. The second factor is unchanged.</summary>
    public async Task<Result<bool>> ResetPasswordAsync(string userName, string password, CancellationToken ct = default)
    {
        if (await FindAsync(userName) is not { } user)
        {
            return NoSuchUser(userName);
        }
        // ResetPasswordAsync validates the password, stores its hash and changes the security stamp.
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
        if (!reset.Succeeded)
        {
            return ValidationError.For("password", string.Join(" ", reset.Errors.Select(e => e.Description)));
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(VigilUser), user.Id, "password reset; signed out everywhere"), ct);
        return true;
    }

    /// <summary>Replaces the account's role (and scopes, nationality, officer link when given) and signs it out everywhere.</summary>
    public async Task<Result<bool>> ChangeAsync(AccountChange change, CancellationToken ct = default)
    {
        if (CheckRole(change.Role) is { } badRole)
        {
            return badRole;
        }
        if (change.Scopes is not null && await CheckScopesAsync(change.Scopes, ct) is { } badScope)
        {
            return badScope;
        }
        var links = await ResolveLinksAsync(change.Nationality, change.OfficerCode, ct);
        if (!links.IsSuccess)
        {
            return links.Error!;
        }
        if (await FindAsync(change.UserName) is not { } user)
        {
            return NoSuchUser(change.UserName);
        }
        await EnsureRolesAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var held = await users.GetRolesAsync(user);
        if (held.Count > 0)
        {
            await users.RemoveFromRolesAsync(user, held);
        }
        await users.AddToRoleAsync(user, change.Role);
        if (change.Scopes is not null)
        {
            db.UserScopes.RemoveRange(await db.UserScopes.Where(s => s.UserId == user.Id).ToListAsync(ct));
            db.UserScopes.AddRange(change.Scopes.Select(s => new UserScope { UserId = user.Id, Kind = s.Kind, Value = s.Value }));
        }
        user.Nationality = links.Value.Nationality ?? user.Nationality;
        user.OfficerId = links.Value.OfficerId ?? user.OfficerId;
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        await transaction.CommitAsync(ct);
        await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(VigilUser), user.Id,
            change.Scopes is null ? "role changed; signed out everywhere" : "role and scopes changed; signed out everywhere"), ct);
        return true;
    }

    private Task<VigilUser?> FindAsync(string userName) => users.FindByNameAsync(userName.Trim());

    private static ValidationError NoSuchUser(string userName) => ValidationError.For("user", $"No account '{userName}'.");

    private static ValidationError? CheckRole(string role) =>
        Roles.All.Contains(role) ? null : ValidationError.For("role", $"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.");

    private async Task<ValidationError?> CheckScopesAsync(IReadOnlyList<(ScopeKind Kind, string Value)> scopes, CancellationToken ct)
    {
        foreach (var (kind, value) in scopes)
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
        return null;
    }

    /// <summary>The nationality (upper-cased, checked) and the officer record's id for a code; null where not given.</summary>
    private async Task<Result<(string? Nationality, int? OfficerId)>> ResolveLinksAsync(string? nationality, string? officerCode, CancellationToken ct)
    {
        var country = string.IsNullOrWhiteSpace(nationality) ? null : nationality.Trim().ToUpperInvariant();
        if (country is not null && !Countries.IsKnown(country))
        {
            return ValidationError.For("nationality", $"'{nationality}' is not an ISO 3166-1 alpha-3 country code.");
        }
        int? officerId = null;
        if (!string.IsNullOrWhiteSpace(officerCode))
        {
            var code = officerCode.Trim();
            var officer = await db.ConductOfficers.Where(o => o.Code == code).Select(o => new { o.Id, o.Nationality }).FirstOrDefaultAsync(ct);
            if (officer is null)
            {
                return ValidationError.For("officer", $"No conduct officer with the code '{officerCode}'.");
            }
            officerId = officer.Id;
            // The officer record knows the nationality: recusal uses it unless another was given.
            country ??= officer.Nationality;
        }
        return (country, officerId);
    }
}
