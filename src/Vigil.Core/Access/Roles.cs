namespace Vigil.Core.Access;

/// <summary>The staff roles of DESIGN.md. Anonymous reporters have no account and no role.</summary>
public static class Roles
{
    public const string ConductOfficer = "conduct-officer";
    public const string ConductChief = "conduct-chief";
    public const string Investigator = "investigator";
    public const string VictimsAdvocate = "victims-advocate";
    public const string MemberStateLiaison = "member-state-liaison";
    public const string LegalOfficer = "legal-officer";
    public const string ScreeningOfficer = "screening-officer";
    public const string Analyst = "analyst";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } =
    [
        ConductOfficer, ConductChief, Investigator, VictimsAdvocate, MemberStateLiaison,
        LegalOfficer, ScreeningOfficer, Analyst, Auditor, Administrator,
    ];

    /// <summary>Roles that receive, read and triage reports in their missions.</summary>
    public static IReadOnlySet<string> IntakeHandlers { get; } = new HashSet<string>(StringComparer.Ordinal) { ConductOfficer, ConductChief };

    /// <summary>
    /// Roles that must pass a second factor (TOTP) to sign in: every role. Nine of the ten see personal
    /// data; the analyst sees only aggregates, but unpublished small counts can still point at a victim,
    /// and one rule for all staff leaves no account to take over with a password alone.
    /// </summary>
    public static IReadOnlySet<string> SecondFactorRequired { get; } = new HashSet<string>(All, StringComparer.Ordinal);

    /// <summary>
    /// Roles that may read personnel records (names, dates of birth, ID numbers) within their scope.
    /// Analysts see aggregates only; auditors see the audit log; lawyers, advocates and investigators
    /// reach people through the cases they are assigned to, not through the personnel list.
    /// </summary>

    public static IReadOnlySet<string> PersonnelReaders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ConductOfficer, ConductChief, ScreeningOfficer, MemberStateLiaison, Administrator,
    };

    /// <summary>
    /// A role in the words of sealed English text (the case timeline), where the token would read as jargon; the
    /// pages translate roles themselves.
    /// </summary>
    public static string InWords(string role) => role switch
    {
        VictimsAdvocate => "victims' rights advocate",
        MemberStateLiaison => "member-state liaison",
        _ => role.Replace('-', ' '),
    };
}
