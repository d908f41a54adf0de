using System.Globalization;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Cases;
using Vigil.Core.Data;
using Vigil.Core.Intake;
using Vigil.Core.Personnel;
using Vigil.Core.Security;

namespace Vigil.Core.Demo;

/// <summary>What the demo reports seeding did; <see cref="TryReceipt"/> lets a new user try following a report.</summary>
public sealed record DemoReportsSeeded(int Reports, int Cases, int Messages, string TryReceipt)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"Demo intake inserted: {Reports} reports ({Cases} triaged into cases), {Messages} messages.");
}

/// <summary>
/// Synthetic reports for the demo inbox: every channel, some untriaged and overdue, some with
/// messages from the reporter, some already triaged into cases. The narratives are invented,
/// short and not graphic; no real person or event is described.
/// </summary>
public sealed class DemoReports(VigilDbContext db, FieldProtector protector, KeyRing keys, TimeProvider clock)
{
    private static readonly string[] Narratives =
    [
        "A community member says a soldier from the base offered money in exchange for sex near the market.",
        "A woman reports that a man in uniform asked her to come to the camp at night in exchange for food.",
        "A teacher reports that a girl from the school was seen leaving a patrol vehicle late in the evening.",
        "A focal point reports rumours that staff members pay for sex at a bar close to the headquarters.",
        "A young man says a civilian staff member promised him a job if he agreed to a sexual relationship.",
        "A mother says a peacekeeper is the father of her child and has stopped answering her.",
        "A witness saw two soldiers bring women into the compound after the curfew.",
        "An NGO forwards the account of a woman who says she was assaulted near the water point.",
        "A driver reports that a police officer asked women at the checkpoint for sex to let them pass.",
        "An anonymous note in the complaint box says a contractor at the logistics base harasses local workers.",
    ];

    private static readonly string[] Languages = ["fr", "en", "ar", "sg", "sw"];
    private static readonly AllegationType[] ExploitationTypes = [AllegationType.TransactionalSex, AllegationType.ExploitativeRelationship];

    private static readonly Channel[] StaffChannels =
        [Channel.Hotline, Channel.Email, Channel.ComplaintBox, Channel.InPerson, Channel.CbcmFocalPoint, Channel.NgoReferral, Channel.UnEntityReferral, Channel.SelfReport, Channel.Media];

    public async Task<DemoReportsSeeded?> SeedAsync(int seed = DemoDataSet.DefaultSeed, CancellationToken ct = default)
    {
        if (await db.Reports.AnyAsync(ct))
        {
            return null;
        }
        var random = new Randomizer(seed + 17);
        var now = clock.GetUtcNow();
        var officerId = await db.Users.Where(u => u.UserName == "officer").Select(u => u.Id).FirstOrDefaultAsync(ct) ?? "demo";
        var sites = await db.Sites.AsNoTracking().Where(s => s.Mission!.EndDate == null).Select(s => new { s.Id, s.MissionId, s.Mission!.Code }).ToListAsync(ct);
        // Half of them in MINUSCA, the demo officer's mission, so that the inbox has something to show.
        var minusca = sites.Where(s => s.Code == "MINUSCA").ToArray();
        var reports = new List<Report>();
        var cases = 0;
        var messages = 0;
        string? tryReceipt = null;
        for (var i = 0; i < 60; i++)
        {
            var site = i % 2 == 0 && minusca.Length > 0 ? random.ArrayElement(minusca) : random.ArrayElement(sites.ToArray());
            var isPublic = i % 3 == 0;
            var received = now - TimeSpan.FromHours(random.Int(1, 24 * 40));
            bool? child = random.Bool(0.25f) ? true : random.Bool(0.2f) ? null : false;
            var incident = DateOnly.FromDateTime(received.UtcDateTime).AddDays(-random.Int(0, 60));
            var report = new Report
            {
                Reference = "R-tmp-" + i.ToString("D4", CultureInfo.InvariantCulture),
                Channel = isPublic ? Channel.PublicPortal : random.ArrayElement(StaffChannels),
                Relationship = isPublic ? ReporterRelationship.Unknown : random.Enum<ReporterRelationship>(),
                ConsentToShare = isPublic ? null : random.Bool(0.7f),
                Language = random.ArrayElement(Languages),
                MissionId = site.MissionId,
                SiteId = random.Bool(0.8f) ? site.Id : null,
                NarrativeSealed = protector.Seal(random.ArrayElement(Narratives), Report.NarrativePurpose),
                IncidentDate = random.Bool(0.5f) ? new PartialDate(incident.Year, incident.Month) : new PartialDate(incident.Year, incident.Month, incident.Day),
                Involved = random.Enum<InvolvedCategory>(),
                ChildInvolved = child,
                ReceivedAt = received,
                RecordedByUserId = isPublic ? null : officerId,
                Status = ReportStatus.Received,
            };
            if (isPublic)
            {
                var receipt = ReceiptCode.New();
                tryReceipt ??= receipt;
                report.ReceiptHash = ReceiptCode.Hash(receipt, keys.ReceiptKey);
                if (random.Bool(0.5f))
                {
                    var sent = received + TimeSpan.FromHours(random.Int(1, 30));
                    if (sent < now)
                    {
                        report.Messages.Add(new ReportMessage { From = MessageSender.Reporter, SentAt = sent, TextSealed = protector.Seal("I want to add that it happened more than once.", ReportMessage.TextPurpose) });
                        report.LastReporterMessageAt = sent;
                        messages++;
                    }
                }
            }
            // About half of the older reports are already triaged into cases.
            if (now - received > TimeSpan.FromDays(10) && random.Bool(0.6f))
            {
                var abuse = child == true || random.Bool(0.4f);
                report.Status = ReportStatus.CaseOpened;
                var opened = new Case
                {
                    Reference = "C-tmp-" + i.ToString("D4", CultureInfo.InvariantCulture),
                    MissionId = site.MissionId,
                    SiteId = report.SiteId,
                    Status = CaseStatus.Received,
                    OpenedAt = received + TimeSpan.FromHours(random.Int(2, 100)),
                    OpenedByUserId = officerId,
                    IsSea = true,
                    ChildVictim = child == true,
                    Events = [CaseEvent.Of(protector, CaseEventKind.Opened, received + TimeSpan.FromHours(2), officerId, "Opened from a report: credible account; opened for assessment.")],
                    Allegations =
                    [
                        new Allegation
                        {
                            Category = abuse ? AllegationCategory.SexualAbuse : AllegationCategory.SexualExploitation,
                            Type = child == true ? AllegationType.SexualActivityWithMinor
                                : abuse ? AllegationType.SexualAssault : random.ArrayElement(ExploitationTypes),
                            IncidentDate = report.IncidentDate,
                            ChildVictim = child == true,
                        },
                    ],
                };
                db.Cases.Add(opened);
                report.Decisions.Add(new ReportDecision { Kind = DecisionKind.CaseOpened, ReasonSealed = protector.Seal("Credible account; opened for assessment.", ReportDecision.ReasonPurpose), DecidedByUserId = officerId, DecidedAt = opened.OpenedAt });
                reports.Add(report);
                db.Reports.Add(report);
                await db.SaveChangesAsync(ct);
                report.CaseId = opened.Id;
                report.Decisions[0].CaseId = opened.Id;
                opened.Reference = string.Create(CultureInfo.InvariantCulture, $"CASE-{opened.OpenedAt.Year}-{opened.Id:D5}");
                cases++;
                continue;
            }
            reports.Add(report);
            db.Reports.Add(report);
        }
        await db.SaveChangesAsync(ct);
        foreach (var report in reports)
        {
            report.Reference = Reports.ReferenceFor(report.Id, report.ReceivedAt);
        }
        await db.SaveChangesAsync(ct);
        return new DemoReportsSeeded(reports.Count, cases, messages, tryReceipt!);
    }
}
