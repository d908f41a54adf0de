using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Vigil.Core.Access;

namespace Vigil.Tests.Security;

/// <summary>What a caller gets from a route.</summary>
public enum Outcome
{
    /// <summary>2xx: the data.</summary>
    Ok,

    /// <summary>404: out of scope, or the role sees no such record; existence is not revealed.</summary>
    Hidden,

    /// <summary>403, or a page redirect to /status/403: the role may not use the route at all.</summary>
    Denied,

    /// <summary>401, or a page redirect to the sign-in page.</summary>
    SignIn,

    /// <summary>The handler ran (a 2xx, 3xx elsewhere, or a 400/409/422 about the input): authorization let it through.</summary>
    Reached,
}

/// <summary>
/// One route of the app: how to call it, what an anonymous caller gets, and what each role gets
/// in scope (mission A, MINUSCA, where the seeded records are) and out of scope (mission B, MONUSCO).
/// </summary>
public sealed record Route(string Method, string Pattern, Outcome Anonymous, Func<string, bool, Outcome> Staff)
{
    /// <summary>A page (Razor) is called with the cookie; an API route with a bearer token.</summary>
    public bool IsPage { get; init; }

    /// <summary>The path with parameters filled from the seeded world.</summary>
    public Func<MatrixWorld, string>? Path { get; init; }

    /// <summary>A valid body (sent when a refusal is expected: it must be the scope that refuses, not validation).</summary>
    public Func<MatrixWorld, HttpContent>? Body { get; init; }

    /// <summary>Changes the caller's own account (e.g. sign out everywhere): run after every other row.</summary>
    public bool RunsLast { get; init; }

    public string Key => $"{Method} {Pattern}";
}

/// <summary>The seeded records whose identifiers fill route parameters.</summary>
public sealed record MatrixWorld(string CaseA, string ReportA, int EvidenceA, int ReferralA, string VictimName, string Narrative)
{
    /// <summary>An open screening candidate of a person deployed in mission A.</summary>
    public int CandidateA { get; init; }

    /// <summary>A registry record (the registry is one list for every mission).</summary>
    public string RecordId { get; init; } = "";

    /// <summary>A finished rotation planning run of mission A.</summary>
    public int RunA { get; init; }

    /// <summary>An official (commander) at a site of mission A.</summary>
    public int OfficialA { get; init; }

    /// <summary>Leave of mission A's conduct officer that has started (cancelling it is refused: 409).</summary>
    public int LeaveA { get; init; }

    /// <summary>A pending break-glass request (personnel export of mission A) by a conduct officer who is not a matrix user.</summary>
    public int BreakGlassA { get; init; }

    public string BreakGlassJustification { get; init; } = "";

    /// <summary>The name of the conduct officer posted in mission A (coverage shows it, but not to analysts and auditors).</summary>
    public string OfficerName { get; init; } = "";
}

/// <summary>
/// The permission matrix: every route of the app, with the decision for each role in and out of
/// scope. A route the app serves but the matrix does not name fails the test: add a row here
/// (other features: copy the nearest row and adjust the roles).
/// </summary>
public static class PermissionMatrix
{
    public const string MissionA = "MINUSCA";
    public const string MissionB = "MONUSCO";

    public static readonly string[] AllRoles = [.. Roles.All];
    private static readonly string[] CaseReaders = [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer, Roles.Investigator, Roles.VictimsAdvocate, Roles.MemberStateLiaison];
    private static readonly string[] CaseManagers = [Roles.ConductOfficer, Roles.ConductChief];
    private static readonly string[] Intake = [.. Roles.IntakeHandlers];
    private static readonly string[] PersonnelReaders = [.. Roles.PersonnelReaders];
    private static readonly string[] AssistanceReaders = [Roles.VictimsAdvocate, Roles.ConductChief];
    private static readonly string[] EvidenceReaders = [Roles.ConductOfficer, Roles.ConductChief, Roles.Investigator];
    private static readonly string[] Holders = [Roles.ConductChief, Roles.LegalOfficer];
    private static readonly string[] Screeners = [Roles.ScreeningOfficer];
    private static readonly string[] ScreeningReaders = [Roles.ScreeningOfficer, Roles.ConductChief];
    private static readonly string[] Approvers = [Roles.ConductChief, Roles.LegalOfficer];
    private static readonly string[] Auditors = [Roles.Auditor];
    private static readonly string[] CaseOverriders = [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer, Roles.Investigator, Roles.VictimsAdvocate];

    /// <summary>The scope grant of the matrix user for a role, in scope (A) or out of scope (B).</summary>
    public static string ScopeOf(string role, bool inScope, string caseA) => role switch
    {
        Roles.MemberStateLiaison => inScope ? "country:RWA" : "country:PAK",
        Roles.Investigator or Roles.VictimsAdvocate => inScope ? $"assignment:{caseA}" : "assignment:CASE-0000-9999",
        _ => inScope ? $"mission:{MissionA}" : $"mission:{MissionB}",
    };

    /// <summary>In scope: <paramref name="allowed"/> get <paramref name="ok"/>, others <paramref name="others"/>; out of scope, allowed roles get <paramref name="outside"/>.</summary>
    private static Func<string, bool, Outcome> Grant(string[] allowed, Outcome ok = Outcome.Ok, Outcome others = Outcome.Hidden, Outcome outside = Outcome.Hidden) =>
        Grant(allowed, ok, (_, _) => others, outside);

    /// <summary>As above, with the outcome for the other roles depending on role and scope.</summary>
    private static Func<string, bool, Outcome> Grant(string[] allowed, Outcome ok, Func<string, bool, Outcome> others, Outcome outside = Outcome.Hidden) =>
        (role, inScope) => allowed.Contains(role) ? (inScope ? ok : outside) : others(role, inScope);

    private static Func<string, bool, Outcome> Everyone(Outcome outcome) => (_, _) => outcome;

    // Leave and appointment ends are refused beyond ten years ahead, so a fixed far-future date would age into a 400.
    private static DateOnly NextYear => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddYears(1);

    private static System.Net.Http.Json.JsonContent Json(object body) => System.Net.Http.Json.JsonContent.Create(body);

    private static StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");

    private static Route Api(string method, string pattern, Outcome anonymous, Func<string, bool, Outcome> staff) =>
        new(method, pattern, anonymous, staff);

    private static Route Page(string pattern, Outcome anonymous, Func<string, bool, Outcome> staff) =>
        new("PAGE", pattern, anonymous, staff) { IsPage = true };

    public static IReadOnlyList<Route> Rows { get; } =
    [
        // System and public routes.
        Api("*", "/health", Outcome.Ok, Everyone(Outcome.Ok)),
        Api("GET", "/openapi/{documentName}.json", Outcome.Ok, Everyone(Outcome.Ok)) with { Path = _ => "/openapi/v1.json" },
        Api("GET", "/assets/site.css", Outcome.Ok, Everyone(Outcome.Ok)),
        Api("POST", "/culture", Outcome.Reached, Everyone(Outcome.Reached)) with { Body = _ => new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en" }) },
        Api("POST", "/api/v1/public/reports/", Outcome.Reached, Everyone(Outcome.Reached)) with { Path = _ => "/api/v1/public/reports" },
        Api("GET", "/api/v1/public/reports/status", Outcome.Hidden, Everyone(Outcome.Hidden)),
        Api("POST", "/api/v1/public/reports/messages", Outcome.Reached, Everyone(Outcome.Reached)) with { Body = _ => Json(new { text = "hello" }) },

        // Sign-in.
        Api("POST", "/api/v1/auth/token", Outcome.Reached, Everyone(Outcome.Reached)),
        Api("GET", "/api/v1/auth/me", Outcome.SignIn, Everyone(Outcome.Ok)),
        Api("POST", "/api/v1/auth/signout-everywhere", Outcome.SignIn, Everyone(Outcome.Ok)) with { RunsLast = true },

        // Reference data: every staff role sees the missions of its scope; personnel only PersonnelReaders.
        Api("GET", "/api/v1/missions", Outcome.SignIn, Everyone(Outcome.Ok)),
        Api("GET", "/api/v1/missions/{code}", Outcome.SignIn, MissionVisible(liaisonOutOfScope: Outcome.Ok)) with { Path = _ => $"/api/v1/missions/{MissionA}" },
        Api("GET", "/api/v1/sites/{code}", Outcome.SignIn, MissionVisible()) with { Path = _ => "/api/v1/sites/MINUSCA-BGI" },
        Api("GET", "/api/v1/personnel/", Outcome.SignIn, Grant(PersonnelReaders, others: Outcome.Denied, outside: Outcome.Ok)) with { Path = _ => "/api/v1/personnel" },
        Api("GET", "/api/v1/personnel/{personNumber}", Outcome.SignIn, Grant(PersonnelReaders, others: Outcome.Denied)) with { Path = _ => "/api/v1/personnel/P-CAF-001" },

        // Intake: conduct officers and chiefs of the mission.
        Api("GET", "/api/v1/reports/", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)) with { Path = _ => "/api/v1/reports" },
        Api("POST", "/api/v1/reports/", Outcome.SignIn, Grant(Intake, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached)) with { Path = _ => "/api/v1/reports" },
        Api("GET", "/api/v1/reports/{reference}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/reports/{w.ReportA}" },
        Api("POST", "/api/v1/reports/{reference}/messages", Outcome.SignIn, Grant(Intake, ok: Outcome.Reached, others: Outcome.Denied)) with { Path = w => $"/api/v1/reports/{w.ReportA}/messages", Body = _ => Json(new { text = "A question for the reporter." }) },
        Api("GET", "/api/v1/reports/{reference}/candidates", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/reports/{w.ReportA}/candidates" },
        Api("POST", "/api/v1/reports/{reference}/triage", Outcome.SignIn, Grant(Intake, ok: Outcome.Reached, others: Outcome.Denied)) with { Path = w => $"/api/v1/reports/{w.ReportA}/triage", Body = _ => Json(new { action = "close", reason = "duplicate", justification = "x" }) },

        // Cases: readers by mission, assignment or nationality; administrators, analysts, auditors and screening officers see none.
        Api("GET", "/api/v1/cases/", Outcome.SignIn, Everyone(Outcome.Ok)) with { Path = _ => "/api/v1/cases" },
        Api("GET", "/api/v1/cases/dashboard", Outcome.SignIn, Everyone(Outcome.Ok)),
        Api("GET", "/api/v1/cases/{reference}", Outcome.SignIn, Grant(CaseReaders)) with { Path = w => $"/api/v1/cases/{w.CaseA}" },
        .. CasePosts(),
        Api("POST", "/api/v1/cases/{reference}/evidence", Outcome.SignIn, Grant(EvidenceReaders, ok: Outcome.Reached, others: CaseReaderOtherwiseHidden(Outcome.Denied))) with { Path = w => $"/api/v1/cases/{w.CaseA}/evidence", Body = _ => EvidenceForm() },
        Api("GET", "/api/v1/cases/{reference}/evidence", Outcome.SignIn, Grant(EvidenceReaders)) with { Path = w => $"/api/v1/cases/{w.CaseA}/evidence" },
        Api("GET", "/api/v1/cases/{reference}/evidence/{id:int}/content", Outcome.SignIn, Grant(EvidenceReaders)) with { Path = w => $"/api/v1/cases/{w.CaseA}/evidence/{w.EvidenceA}/content" },
        Api("GET", "/api/v1/cases/{reference}/assistance", Outcome.SignIn, Grant(AssistanceReaders)) with { Path = w => $"/api/v1/cases/{w.CaseA}/assistance" },
        Api("POST", "/api/v1/cases/{reference}/assistance", Outcome.SignIn, Grant(AssistanceReaders, ok: Outcome.Reached)) with { Path = w => $"/api/v1/cases/{w.CaseA}/assistance", Body = _ => Json(new { victimId = 1, kind = "medical", provider = "x", referredOn = "2026-03-01" }) },
        Api("POST", "/api/v1/cases/{reference}/assistance/{id:int}", Outcome.SignIn, Grant(AssistanceReaders, ok: Outcome.Reached)) with { Path = w => $"/api/v1/cases/{w.CaseA}/assistance/{w.ReferralA}", Body = _ => Json(new { status = "provided" }) },
        Api("GET", "/api/v1/notifications/", Outcome.SignIn, Everyone(Outcome.Ok)) with { Path = _ => "/api/v1/notifications" },
        Api("POST", "/api/v1/notifications/read", Outcome.SignIn, Everyone(Outcome.Reached)),

        // Legal holds (retention): conduct chiefs and legal officers set and release them on cases they see; every case reader lists them.
        Api("GET", "/api/v1/cases/{reference}/legal-hold/", Outcome.SignIn, Grant(CaseReaders)) with { Path = w => $"/api/v1/cases/{w.CaseA}/legal-hold" },
        Api("POST", "/api/v1/cases/{reference}/legal-hold/", Outcome.SignIn, Grant(Holders, ok: Outcome.Reached, others: CaseReaderOtherwiseHidden(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/cases/{w.CaseA}/legal-hold", Body = _ => Json(new { reason = "Litigation expected." }) },
        Api("POST", "/api/v1/cases/{reference}/legal-hold/release", Outcome.SignIn, Grant(Holders, ok: Outcome.Reached, others: CaseReaderOtherwiseHidden(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/cases/{w.CaseA}/legal-hold/release", Body = _ => Json(new { reason = "Litigation over." }) },
        // On reports, conduct officers, chiefs and legal officers reach the route and list holds; the chief and the legal officer may hold.
        Api("GET", "/api/v1/reports/{reference}/legal-hold/", Outcome.SignIn, Grant([Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer], others: Outcome.Denied))
            with
        { Path = w => $"/api/v1/reports/{w.ReportA}/legal-hold" },
        Api("POST", "/api/v1/reports/{reference}/legal-hold/", Outcome.SignIn, Grant([Roles.ConductChief, Roles.LegalOfficer], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/reports/{w.ReportA}/legal-hold", Body = _ => Json(new { reason = "Litigation expected." }) },
        Api("POST", "/api/v1/reports/{reference}/legal-hold/release", Outcome.SignIn, Grant([Roles.ConductChief, Roles.LegalOfficer], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/reports/{w.ReportA}/legal-hold/release", Body = _ => Json(new { reason = "Litigation over." }) },

        // Screening: only screening officers use the registry and runs (the registry is one list for all missions);
        // the queue is read by screening officers and conduct chiefs of the candidate's mission, decided by screening officers.
        Api("GET", "/api/v1/screening/registry", Outcome.SignIn, Grant(Screeners, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("POST", "/api/v1/screening/registry/search", Outcome.SignIn, Grant(Screeners, others: Outcome.Denied, outside: Outcome.Ok))
            with
        { Body = _ => Json(new { name = "Synthetic" }) },
        Api("GET", "/api/v1/screening/registry/{recordId}", Outcome.SignIn, Grant(Screeners, others: Outcome.Denied, outside: Outcome.Ok)) with { Path = w => $"/api/v1/screening/registry/{w.RecordId}" },
        Api("POST", "/api/v1/screening/registry", Outcome.SignIn, Grant(Screeners, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached))
            with
        { Body = _ => Json(new { fullName = "Synthetic Matrix Registrant", finding = "barred" }) },
        Api("POST", "/api/v1/screening/registry/import", Outcome.SignIn, Grant(Screeners, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached))
            with
        { Body = _ => Csv("record_id,full_name,finding\r\nMX-1,Synthetic Matrix Registrant,barred\r\n") },
        Api("GET", "/api/v1/screening/runs", Outcome.SignIn, Grant(Screeners, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("POST", "/api/v1/screening/runs/roster", Outcome.SignIn, Grant(Screeners, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached))
            with
        { Body = _ => Csv("person_id,full_name\r\nR-1,Synthetic Matrix Arrival\r\n") },
        Api("POST", "/api/v1/screening/runs/person", Outcome.SignIn, Grant(Screeners, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached))
            with
        { Body = _ => Json(new { fullName = "Synthetic Matrix Hire" }) },
        Api("POST", "/api/v1/screening/runs/deployed", Outcome.SignIn, Grant(Screeners, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached)),
        Api("GET", "/api/v1/screening/candidates", Outcome.SignIn, Grant(ScreeningReaders, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("GET", "/api/v1/screening/candidates/{id:int}", Outcome.SignIn, Grant(ScreeningReaders, others: Outcome.Denied)) with { Path = w => $"/api/v1/screening/candidates/{w.CandidateA}" },
        Api("POST", "/api/v1/screening/candidates/{id:int}/decision", Outcome.SignIn,
                Grant(Screeners, ok: Outcome.Reached, others: (role, inScope) => role == Roles.ConductChief && !inScope ? Outcome.Hidden : Outcome.Denied))
            with
        { Path = w => $"/api/v1/screening/candidates/{w.CandidateA}/decision", Body = _ => Json(new { decision = "not-same-person", note = "Other person." }) },
        // After the rows that read and decide the seeded candidate: withdrawing its record closes it (a second withdrawal is 409).
        Api("POST", "/api/v1/screening/registry/{recordId}/withdrawal", Outcome.SignIn, Grant(Screeners, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached))
            with
        { Path = w => $"/api/v1/screening/registry/{w.RecordId}/withdrawal", Body = _ => Json(new { reason = "Synthetic matrix withdrawal." }) },

        // Presence: coverage for every staff role (names hidden from analysts and auditors, checked below);
        // rotation and evaluations for conduct officers and chiefs of the mission; only a chief plans and approves.
        Api("GET", "/api/v1/presence/coverage", Outcome.SignIn, Everyone(Outcome.Ok)),
        Api("GET", "/api/v1/rotation/runs/", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)) with { Path = _ => "/api/v1/rotation/runs" },
        Api("POST", "/api/v1/rotation/runs/", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/rotation/runs", Body = _ => Json(new { mission = MissionA, periods = 2, timeLimitSeconds = 1 }) },
        Api("GET", "/api/v1/rotation/runs/{id:int}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/rotation/runs/{w.RunA}" },
        Api("GET", "/api/v1/rotation/runs/{id:int}/plan.json", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/rotation/runs/{w.RunA}/plan.json" },
        Api("GET", "/api/v1/rotation/runs/{id:int}/problem.json", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/rotation/runs/{w.RunA}/problem.json" },
        Api("GET", "/api/v1/rotation/runs/{id:int}/postings.csv", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/rotation/runs/{w.RunA}/postings.csv" },
        // Cancelling: the chief (RunA has finished: 409, still "reached"); a conduct officer in scope 403.
        Api("POST", "/api/v1/rotation/runs/{id:int}/cancel", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/rotation/runs/{w.RunA}/cancel" },
        Api("POST", "/api/v1/rotation/runs/{id:int}/approve", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/rotation/runs/{w.RunA}/approve" },
        // Leave: the conduct team of the mission sees it; the chief records it and cancels leave not yet started.
        // A conduct officer in scope sees the officer but may not record (403); outside the mission the officer does not exist.
        Api("GET", "/api/v1/presence/leave/", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)) with { Path = _ => "/api/v1/presence/leave" },
        Api("POST", "/api/v1/presence/leave/", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/leave", Body = _ => Json(new { officer = "CDO-T001", from = NextYear, to = NextYear.AddDays(9) }) },
        // Moving the last day: the chief, as for cancelling (a conduct officer in scope 403, outside the mission 404).
        Api("POST", "/api/v1/presence/leave/{id:int}/last-day", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/presence/leave/{w.LeaveA}/last-day", Body = _ => Json(new { to = NextYear.AddDays(5) }) },
        Api("GET", "/api/v1/presence/leave/{id:int}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/presence/leave/{w.LeaveA}" },
        Api("DELETE", "/api/v1/presence/leave/{id:int}", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/presence/leave/{w.LeaveA}" },
        // An officer leaving and a site closing: as leave, the chief of the mission records and withdraws them (a conduct
        // officer in scope 403, outside the mission 404). Far enough ahead that no other row's data change.
        Api("POST", "/api/v1/presence/officers/{code}/departure", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/officers/CDO-T001/departure", Body = _ => Json(new { lastDay = NextYear.AddDays(200) }) },
        Api("DELETE", "/api/v1/presence/officers/{code}/departure", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/officers/CDO-T001/departure" },
        Api("POST", "/api/v1/presence/sites/{code}/closure", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/sites/MINUSCA-BRI/closure", Body = _ => Json(new { lastDay = NextYear.AddDays(200) }) },
        Api("DELETE", "/api/v1/presence/sites/{code}/closure", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/sites/MINUSCA-BRI/closure" },
        // Corrections of the records the planner reads: the chief of the mission (the values as seeded, so no other row changes).
        Api("POST", "/api/v1/presence/officers/{code}/correction", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/officers/CDO-T001/correction", Body = _ => Json(new { fullName = "Test Officer One", nationality = "GHA", grade = "P-3", languages = new[] { "en", "fr" } }) },
        Api("POST", "/api/v1/presence/sites/{code}/correction", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/sites/MINUSCA-BRI/correction", Body = _ => Json(new { name = "Bria", kind = "team-site", latitude = 6.5423, longitude = 21.9863, languages = new[] { "fr", "sg" } }) },
        // A contingent rotating out and its record corrected: as for officers and sites, the chief of the mission (the
        // conduct team reads the record). The departure far ahead, the correction with the values as seeded.
        Api("GET", "/api/v1/presence/contingents/{code}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = _ => "/api/v1/presence/contingents/MINUSCA-BRI-PAK-1" },
        Api("POST", "/api/v1/presence/contingents/{code}/departure", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/departure", Body = _ => Json(new { lastDay = NextYear.AddDays(200) }) },
        Api("DELETE", "/api/v1/presence/contingents/{code}/departure", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/departure" },
        Api("POST", "/api/v1/presence/contingents/{code}/correction", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = _ => "/api/v1/presence/contingents/MINUSCA-BRI-PAK-1/correction", Body = _ => Json(new { country = "PAK", category = "military-contingent", unit = "PAKENGCOY", strength = 300, from = "2025-01-01" }) },
        // Additions by the chief of the mission (what vigil import adds): a code already taken, so that the chief's call is
        // answered 409 (reached) and no other row's data change; a conduct officer in scope 403, outside the mission 404.
        Api("POST", "/api/v1/presence/sites", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Body = _ => Json(new { code = "MINUSCA-BRI", mission = "MINUSCA", name = "Bria annex", kind = "team-site", latitude = 6.5, longitude = 21.9, languages = new[] { "fr" } }) },
        Api("GET", "/api/v1/presence/sites/{code}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = _ => "/api/v1/presence/sites/MINUSCA-BRI" },
        Api("POST", "/api/v1/presence/officers", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Body = _ => Json(new { code = "CDO-T001", fullName = "Synthetic Matrix Officer", nationality = "GHA", grade = "P-3", languages = new[] { "en" }, mission = "MINUSCA" }) },
        Api("GET", "/api/v1/presence/officers/{code}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = _ => "/api/v1/presence/officers/CDO-T001" },
        Api("POST", "/api/v1/presence/contingents", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Body = _ => Json(new { code = "MINUSCA-BRI-PAK-1", site = "MINUSCA-BRI", country = "PAK", category = "military-contingent", unit = "PAKENGCOY", strength = 300, from = "2025-01-01" }) },
        Api("GET", "/api/v1/evaluations/officials", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("GET", "/api/v1/evaluations/officials/{id:int}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/api/v1/evaluations/officials/{w.OfficialA}" },
        // The list of officials: the chief of the mission adds and ends appointments; a conduct officer in scope sees the site but may not (403).
        Api("POST", "/api/v1/evaluations/officials", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Body = _ => Json(new { site = "MINUSCA-BRI", fullName = "Synthetic Matrix Deputy", title = "Deputy commander", role = "commander", nationality = "PAK", from = "2025-02-01" }) },
        Api("POST", "/api/v1/evaluations/officials/{id:int}/correction", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/evaluations/officials/{w.OfficialA}/correction", Body = _ => Json(new { fullName = "Synthetic Matrix Corrected", title = "Deputy commander", role = "commander", nationality = "PAK", from = "2025-01-01" }) },
        Api("POST", "/api/v1/evaluations/officials/{id:int}/end", Outcome.SignIn, Grant([Roles.ConductChief], ok: Outcome.Reached, others: IntakeOtherwise(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/evaluations/officials/{w.OfficialA}/end", Body = _ => Json(new { to = NextYear }) },
        Api("GET", "/api/v1/evaluations/overdue", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("POST", "/api/v1/evaluations/", Outcome.SignIn, Grant(Intake, ok: Outcome.Reached, others: Outcome.Denied))
            with
        {
            Path = _ => "/api/v1/evaluations",
            Body = w => Json(new { officialId = w.OfficialA, evaluator = "CDO-T001", findings = "Curfew kept.", rating = "satisfactory", trainingCoveragePercent = 80 }),
        },

        // Break-glass (docs/break-glass.md): any staff role lists its own requests and what it may decide; the request
        // is read by its requester, the approvers (conduct chief, legal officer) and the auditor of its mission only.
        // Asking: the row's body asks for a case override, which five roles may ask for (the others: 403).
        Api("POST", "/api/v1/break-glass/", Outcome.SignIn, Grant(CaseOverriders, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached))
            with
        {
            Path = _ => "/api/v1/break-glass",
            Body = w => Json(new { kind = "case-override", caseReference = w.CaseA, justification = "A synthetic justification that is long enough to pass." }),
        },
        Api("GET", "/api/v1/break-glass/mine", Outcome.SignIn, Everyone(Outcome.Ok)),
        Api("GET", "/api/v1/break-glass/pending", Outcome.SignIn, Everyone(Outcome.Ok)),
        Api("GET", "/api/v1/break-glass/review", Outcome.SignIn, Grant(Auditors, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("GET", "/api/v1/break-glass/{id:int}", Outcome.SignIn, Grant([Roles.ConductChief, Roles.LegalOfficer, Roles.Auditor])) with { Path = w => $"/api/v1/break-glass/{w.BreakGlassA}" },
        Api("POST", "/api/v1/break-glass/{id:int}/decision", Outcome.SignIn, Grant(Approvers, ok: Outcome.Reached, others: Outcome.Denied))
            with
        { Path = w => $"/api/v1/break-glass/{w.BreakGlassA}/decision", Body = _ => Json(new { approve = false, reason = "Not needed." }) },
        // Only the requester gives a grant back or downloads the export; for anyone else the request does not exist.
        Api("POST", "/api/v1/break-glass/{id:int}/end", Outcome.SignIn, Everyone(Outcome.Hidden)) with { Path = w => $"/api/v1/break-glass/{w.BreakGlassA}/end" },
        Api("GET", "/api/v1/break-glass/{id:int}/export", Outcome.SignIn, Everyone(Outcome.Hidden)) with { Path = w => $"/api/v1/break-glass/{w.BreakGlassA}/export" },
        // The auditor in scope reaches the rule that only an approved request is reviewed (409).
        Api("POST", "/api/v1/break-glass/{id:int}/review", Outcome.SignIn, Grant(Auditors, ok: Outcome.Reached, others: Outcome.Denied))
            with
        { Path = w => $"/api/v1/break-glass/{w.BreakGlassA}/review", Body = _ => Json(new { outcome = "reviewed", note = "Checked." }) },

        // Pages.
        Page("/", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/Index", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/account/signin", Outcome.Ok, Everyone(Outcome.Ok)),
                // The second step without a pending first step sends the caller back to the password.
        Page("/account/signin/code", Outcome.SignIn, Everyone(Outcome.SignIn)),
        Page("/account/enrol", Outcome.SignIn, Everyone(Outcome.SignIn)),
        Page("/account/external", Outcome.SignIn, Everyone(Outcome.SignIn)),
        Page("/account/signout", Outcome.SignIn, Everyone(Outcome.Reached)),
        Page("/account/security", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/api-reference", Outcome.Ok, Everyone(Outcome.Ok)),
        Page("/status/{code:int}", Outcome.Reached, Everyone(Outcome.Reached)) with { Path = _ => "/status/429" },
        Page("/report", Outcome.Ok, Everyone(Outcome.Ok)),
        Page("/report/follow", Outcome.Ok, Everyone(Outcome.Ok)),
        Page("/inbox", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/reports/new", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/reports/{reference}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/reports/{w.ReportA}" },
        Page("/cases", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/cases/dashboard", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/cases/{reference}", Outcome.SignIn, Grant(CaseReaders)) with { Path = w => $"/cases/{w.CaseA}" },
        Page("/notifications", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/personnel", Outcome.SignIn, Grant(PersonnelReaders, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/personnel/{id}", Outcome.SignIn, Grant(PersonnelReaders, others: Outcome.Denied)) with { Path = _ => "/personnel/P-CAF-001" },
        Page("/missions/{code}", Outcome.SignIn, MissionVisible(liaisonOutOfScope: Outcome.Ok)) with { Path = _ => $"/missions/{MissionA}" },
        Page("/sites/{code}", Outcome.SignIn, MissionVisible()) with { Path = _ => "/sites/MINUSCA-BGI" },
        // Correction forms: the chief of the mission; the rest of the conduct team finds no such page (404).
        Page("/sites/{code}/correct", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => "/sites/MINUSCA-BGI/correct" },
        Page("/officers/{code}/correct", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => "/officers/CDO-T001/correct" },
        Page("/contingents/{code}/departure", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => "/contingents/MINUSCA-BRI-PAK-1/departure" },
        // Addition forms: the chief of the mission; the rest of the conduct team finds no such page (404).
        Page("/missions/{mission}/sites/new", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => $"/missions/{MissionA}/sites/new" },
        Page("/missions/{mission}/officers/new", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => $"/missions/{MissionA}/officers/new" },
        Page("/sites/{site}/contingents/new", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => "/sites/MINUSCA-BRI/contingents/new" },
        Page("/contingents/{code}/correct", Outcome.SignIn, Grant([Roles.ConductChief], Outcome.Ok, IntakeOtherwise(Outcome.Hidden))) with { Path = _ => "/contingents/MINUSCA-BRI-PAK-1/correct" },
        Page("/screening", Outcome.SignIn, Grant(ScreeningReaders, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/screening/candidates/{id:int}", Outcome.SignIn, Grant(ScreeningReaders, others: Outcome.Denied)) with { Path = w => $"/screening/candidates/{w.CandidateA}" },
        Page("/screening/registry", Outcome.SignIn, Grant(Screeners, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/screening/runs", Outcome.SignIn, Grant(Screeners, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/coverage", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/rotation", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/rotation/leave", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/rotation/{id:int}", Outcome.SignIn, Grant(Intake, others: Outcome.Denied)) with { Path = w => $"/rotation/{w.RunA}" },
        Page("/evaluations", Outcome.SignIn, Grant(Intake, others: Outcome.Denied, outside: Outcome.Ok)),
        Page("/break-glass", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/break-glass/new", Outcome.SignIn, Everyone(Outcome.Ok)),
        Page("/break-glass/review", Outcome.SignIn, Grant(Auditors, others: Outcome.Denied, outside: Outcome.Ok)),

        // The audit log: the auditor role only, whatever its scope (the log is one chain for the whole system).
        Api("GET", "/api/v1/audit/", Outcome.SignIn, Grant(Auditors, others: Outcome.Denied, outside: Outcome.Ok)) with { Path = _ => "/api/v1/audit" },
        Api("GET", "/api/v1/audit/status", Outcome.SignIn, Grant(Auditors, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("GET", "/api/v1/audit/checkpoints", Outcome.SignIn, Grant(Auditors, others: Outcome.Denied, outside: Outcome.Ok)),
        Api("POST", "/api/v1/audit/verification", Outcome.SignIn, Grant(Auditors, ok: Outcome.Reached, others: Outcome.Denied, outside: Outcome.Reached)),
        Page("/audit", Outcome.SignIn, Grant(Auditors, others: Outcome.Denied, outside: Outcome.Ok)),
    ];

    /// <summary>
    /// Missions and sites: roles scoped by mission see their mission; a liaison sees where their
    /// nationals serve (the out-of-scope liaison, Pakistan, has a contingent in MINUSCA but not at
    /// Bangui); investigators and advocates reach cases by assignment, not missions.
    /// </summary>
    private static Func<string, bool, Outcome> MissionVisible(Outcome liaisonOutOfScope = Outcome.Hidden) => (role, inScope) => role switch
    {
        Roles.Investigator or Roles.VictimsAdvocate => Outcome.Hidden,
        Roles.MemberStateLiaison when !inScope => liaisonOutOfScope,
        _ => inScope ? Outcome.Ok : Outcome.Hidden,
    };

    /// <summary>An intake handler (conduct officer or chief) in scope who may not do this gets <paramref name="forHandlers"/>, out of scope 404; other roles 403 at the route.</summary>
    private static Func<string, bool, Outcome> IntakeOtherwise(Outcome forHandlers) =>
        (role, inScope) => Intake.Contains(role) ? (inScope ? forHandlers : Outcome.Hidden) : Outcome.Denied;

    /// <summary>A case reader in scope who may not do this gets <paramref name="forReaders"/> (they see the case); anyone else 404.</summary>
    private static Func<string, bool, Outcome> CaseReaderOtherwiseHidden(Outcome forReaders) =>
        (role, inScope) => inScope && CaseReaders.Contains(role) ? forReaders : Outcome.Hidden;

    private static IEnumerable<Route> CasePosts()
    {
        (string Path, object Body)[] posts =
        [
            ("transitions", new { to = "under-assessment", reason = "x" }),
            ("subjects", new { personNumber = "P-CAF-002" }),
            ("victims", new { ageGroup = "adult", sex = "female", count = 1, paternity = "none" }),
            ("routing", new { investigatedBy = "oios", reason = "x" }),
            ("notes", new { kind = "nio-request", noteReference = "NV/1", sentOn = "2026-03-01" }),
            ("findings", new { subjectId = 1, outcome = "substantiated", by = "oios", issuedOn = "2026-03-01" }),
            ("actions", new { subjectId = 1, kind = "repatriation", by = "united-nations", takenOn = "2026-03-01" }),
            ("waivers", new { subjectId = 1, justification = "x" }),
            ("waivers/decision", new { waiverId = 1, decision = "waived", decidedBy = "x" }),
            ("closure", new { reason = "duplicate", justification = "x" }),
            ("closure/decision", new { approve = true }),
            ("assignments", new { userName = "nobody" }),
            ("assignments/remove", new { userName = "nobody", reason = "Rotated out." }),
        ];
        foreach (var (path, body) in posts)
        {
            // Conduct officers and chiefs act on cases of their mission; other readers see the case but may not change it.
            var actors = path switch
            {
                "waivers/decision" => [Roles.LegalOfficer],
                "waivers" => [Roles.ConductOfficer, Roles.ConductChief, Roles.LegalOfficer],
                "closure/decision" => [Roles.ConductChief],
                "findings" => [Roles.ConductOfficer, Roles.ConductChief, Roles.Investigator],
                "victims" => [Roles.ConductOfficer, Roles.ConductChief, Roles.VictimsAdvocate],
                _ => CaseManagers,
            };
            // A decision on nothing pending (no waiver, no closure request) is "not found" even for the decider.
            var ok = path is "waivers/decision" or "closure/decision" ? Outcome.Hidden : Outcome.Reached;
            yield return Api("POST", $"/api/v1/cases/{{reference}}/{path}", Outcome.SignIn, Grant(actors, ok: ok, others: CaseReaderOtherwiseHidden(Outcome.Denied)))
                with
            { Path = w => $"/api/v1/cases/{w.CaseA}/{path}", Body = _ => Json(body) };
        }
        yield return Api("POST", "/api/v1/cases/{reference}/findings/{findingId:int}/approve", Outcome.SignIn,
                Grant([Roles.ConductChief], ok: Outcome.Hidden, others: CaseReaderOtherwiseHidden(Outcome.Denied)))
            with
        { Path = w => $"/api/v1/cases/{w.CaseA}/findings/999/approve", Body = _ => Json(new { }) };
    }

    private static MultipartFormDataContent EvidenceForm()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 synthetic"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "note.pdf");
        form.Add(new StringContent("A note."), "description");
        return form;
    }

    /// <summary>(method, pattern) of every endpoint the app serves; pages appear once, as "PAGE".</summary>
    public static IReadOnlyList<(string Key, Endpoint Endpoint)> Served(EndpointDataSource source) =>
        [.. source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => Keys(e).Select(k => (k, (Endpoint)e)))
            .DistinctBy(x => x.k)
            .OrderBy(x => x.k, StringComparer.Ordinal)];

    private static IEnumerable<string> Keys(RouteEndpoint endpoint)
    {
        var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
        if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        {
            return [$"PAGE {pattern}"];
        }
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
        return methods.Select(m => $"{m} {pattern}");
    }

    /// <summary>
    /// An explicit authorization decision: [AllowAnonymous], or an authorization requirement that
    /// names a policy or roles. A bare [Authorize] or nothing at all is not a decision.
    /// </summary>
    public static bool HasExplicitDecision(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
        || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Any(p => p.Requirements.Count > 0);

    public static Outcome Classify(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        return status switch
        {
            401 => Outcome.SignIn,
            403 => Outcome.Denied,
            404 => Outcome.Hidden,
            302 when location.Contains("/account/signin", StringComparison.OrdinalIgnoreCase) && !location.Contains("/account/signin/code", StringComparison.OrdinalIgnoreCase) => Outcome.SignIn,
            302 when location.Contains("/status/403", StringComparison.Ordinal) => Outcome.Denied,
            >= 200 and < 300 => Outcome.Ok,
            >= 500 => throw new InvalidOperationException($"{status} from the server"),
            _ => Outcome.Reached,
        };
    }

    public static bool Matches(Outcome expected, Outcome actual) =>
        expected == actual || (expected == Outcome.Reached && actual == Outcome.Ok);
}
