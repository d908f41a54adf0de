using Vigil.Core.Access;
using Vigil.Core.Governance;

namespace Vigil.Core.Tests.Governance;

public sealed class BreakGlassRulesTests
{
    private static CallerScope Scope(string role, params string[] missions) =>
        new(new HashSet<string> { role }, false, missions.ToHashSet(), new HashSet<string>(), new HashSet<string>());

    public static TheoryData<string, BreakGlassKind, bool> Matrix => new()
    {
        { Roles.ConductOfficer, BreakGlassKind.UnmaskVictim, true },
        { Roles.ConductChief, BreakGlassKind.UnmaskVictim, true },
        { Roles.LegalOfficer, BreakGlassKind.UnmaskVictim, true },
        { Roles.Investigator, BreakGlassKind.UnmaskVictim, true },
        { Roles.VictimsAdvocate, BreakGlassKind.UnmaskVictim, true },
        { Roles.MemberStateLiaison, BreakGlassKind.UnmaskVictim, false },
        { Roles.Analyst, BreakGlassKind.UnmaskVictim, false },
        { Roles.Auditor, BreakGlassKind.UnmaskVictim, false },
        { Roles.Administrator, BreakGlassKind.UnmaskVictim, false },
        { Roles.ConductOfficer, BreakGlassKind.PersonnelExport, true },
        { Roles.ScreeningOfficer, BreakGlassKind.PersonnelExport, true },
        { Roles.MemberStateLiaison, BreakGlassKind.PersonnelExport, false },
        { Roles.Administrator, BreakGlassKind.PersonnelExport, false },
        { Roles.LegalOfficer, BreakGlassKind.PersonnelExport, false },
        { Roles.VictimsAdvocate, BreakGlassKind.CaseOverride, true },
        { Roles.Investigator, BreakGlassKind.CaseOverride, true },
        { Roles.MemberStateLiaison, BreakGlassKind.CaseOverride, false },
        { Roles.ScreeningOfficer, BreakGlassKind.CaseOverride, false },
        { Roles.ConductOfficer, BreakGlassKind.MissionOverride, true },
        { Roles.Investigator, BreakGlassKind.MissionOverride, false },
        { Roles.MemberStateLiaison, BreakGlassKind.MissionOverride, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void MayRequest_FollowsTheMatrix(string role, BreakGlassKind kind, bool allowed) =>
        Assert.Equal(allowed, BreakGlassRules.MayRequest(Scope(role, "MINUSCA"), kind));

    [Theory]
    [InlineData(Roles.ConductChief, "MINUSCA", true)]
    [InlineData(Roles.LegalOfficer, "MINUSCA", true)]
    [InlineData(Roles.ConductChief, "MONUSCO", false)]
    [InlineData(Roles.ConductOfficer, "MINUSCA", false)]
    [InlineData(Roles.Auditor, "MINUSCA", false)]
    public void MayApprove_NeedsAnApproverRoleInTheMission(string role, string mission, bool allowed) =>
        Assert.Equal(allowed, BreakGlassRules.MayApprove(Scope(role, "MINUSCA"), mission));

    [Fact]
    public void MayApprove_NotThroughAMissionOverride()
    {
        var chief = Scope(Roles.ConductChief, "MONUSCO").WithBreakGlass(["MINUSCA"], [], []);
        Assert.Contains("MINUSCA", chief.Missions);
        Assert.False(BreakGlassRules.MayApprove(chief, "MINUSCA"));
        Assert.True(BreakGlassRules.MayApprove(chief, "MONUSCO"));
    }
}
