using Microsoft.AspNetCore.Identity;
using Vigil.Core.Data;

namespace Vigil.Core.Access;

public sealed record DemoAccount(string UserName, string Role, string DisplayName, string ScopeText, IReadOnlyList<(ScopeKind Kind, string Value)> Scopes);

/// <summary>
/// One demo account per role, plus a headquarters conduct officer (global scope) whose inbox holds the
/// reports that name no mission, all with the same published password. Demo only: `serve --demo`
/// creates them in an empty database and prints them; a production database never has them.
/// The second factor stays on: each account is enrolled with its own random TOTP secret, and
/// `vigil users totp --user NAME` prints the current code (for demo accounts only).
/// </summary>
public sealed class DemoAccounts(VigilDbContext db, AccountAdministration accounts, UserManager<VigilUser> users, SecondFactor secondFactor)
{
    public const string Password = "vigil-demo-2026";

    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("officer", Roles.ConductOfficer, "Demo Conduct Officer", "mission MINUSCA", [(ScopeKind.Mission, "MINUSCA")]),
        new("chief", Roles.ConductChief, "Demo Conduct Chief", "mission MINUSCA", [(ScopeKind.Mission, "MINUSCA")]),
        new("hq", Roles.ConductOfficer, "Demo HQ Conduct Officer", "headquarters: all missions and reports without a mission", [(ScopeKind.Global, "*")]),
        new("investigator", Roles.Investigator, "Demo Investigator", "mission MONUSCO, the cases assigned (three)", [(ScopeKind.Mission, "MONUSCO")]),
        new("advocate", Roles.VictimsAdvocate, "Demo Victims' Rights Advocate", "mission MINUSCA, the cases assigned (three)", [(ScopeKind.Mission, "MINUSCA")]),
        new("liaison", Roles.MemberStateLiaison, "Demo Member-State Liaison", "country RWA", [(ScopeKind.Country, "RWA")]),
        new("legal", Roles.LegalOfficer, "Demo Legal Officer", "all missions", [(ScopeKind.Global, "*")]),
        new("screening", Roles.ScreeningOfficer, "Demo Screening Officer", "all missions", [(ScopeKind.Global, "*")]),
        new("analyst", Roles.Analyst, "Demo Analyst", "all missions (aggregates)", [(ScopeKind.Global, "*")]),
        new("auditor", Roles.Auditor, "Demo Auditor", "all missions (audit log)", [(ScopeKind.Global, "*")]),
        new("admin", Roles.Administrator, "Demo Administrator", "all missions (reference data)", [(ScopeKind.Global, "*")]),
    ];

    /// <summary>
    /// Creates the accounts that do not exist yet, all or none (one transaction); returns how many were created.
    /// Call it only on the demo data set (<c>DemoSeeder</c>): the callers check that first.
    /// </summary>
    public async Task<int> EnsureAsync(CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await accounts.EnsureRolesAsync(ct);
            var created = 0;
            foreach (var demo in All)
            {
                if (await users.FindByNameAsync(demo.UserName) is not null)
                {
                    continue;
                }
                var result = await accounts.CreateAsync(new NewAccount(demo.UserName, demo.DisplayName, Password, demo.Role, demo.Scopes), ct);
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"Demo account {demo.UserName} could not be created: {result.Error!.Describe()}");
                }
                await secondFactor.EnrolDirectlyAsync((await users.FindByIdAsync(result.Value!))!);
                created++;
            }
            await transaction.CommitAsync(ct);
            return created;
        }
        catch
        {
            // Rolled back: no account of a half-created set stays, tracked or stored.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>
    /// A demo account that still has the published password: its second factor may be shown to anyone,
    /// since the account is public anyway. Any other account answers false.
    /// </summary>
    public async Task<VigilUser?> FindPublicDemoAccountAsync(string userName)
    {
        if (!All.Any(a => a.UserName == userName) || await users.FindByNameAsync(userName) is not { } user)
        {
            return null;
        }
        return await users.CheckPasswordAsync(user, Password) ? user : null;
    }

    public async Task<bool> AnyExistAsync() => await users.FindByNameAsync(All[0].UserName) is not null;
}
