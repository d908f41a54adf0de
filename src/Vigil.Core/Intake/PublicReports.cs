using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Audit;
using Vigil.Core.Cases;
using Vigil.Core.Common;
using Vigil.Core.Data;
using Vigil.Core.Personnel;
using Vigil.Core.Security;

namespace Vigil.Core.Intake;

/// <summary>A community report as the public form or API sends it (spec/http.md). Every field is optional but the narrative.</summary>
public sealed record PublicReportRequest
{
    public string? Narrative { get; init; }
    public string? Language { get; init; }
    public string? Mission { get; init; }
    public string? Site { get; init; }
    public string? Location { get; init; }
    public string? IncidentDate { get; init; }
    public string? Involved { get; init; }
    public bool? ChildInvolved { get; init; }
    public string? Contact { get; init; }
}

public sealed record Submitted(string Receipt, string Status, bool Replayed);

public sealed record PublicMessage(string From, string Text, DateOnly SentOn);

public sealed record PublicStatus(string Status, IReadOnlyList<PublicMessage> Messages);

public sealed record IdempotencyMismatch() : ConflictError("This Idempotency-Key was already used for a different report.");

/// <summary>The sender's address has already filed as many reports as the window allows (a valid report; refused ones do not count).</summary>
public sealed record TooManyReports() : Error("Too many reports from this address. Wait a few minutes and send again.");

/// <summary>
/// The anonymous side of intake: submit a report, follow it with the receipt, exchange messages.
/// Nothing about the sender (address, browser) is stored. Receipt checks take the same path,
/// one HMAC and one indexed query, whether the receipt is malformed, unknown or right.
/// </summary>
public sealed partial class PublicReports(VigilDbContext db, FieldProtector protector, KeyRing keys, TimeProvider clock, IAuditTrail audit)
{
    private static readonly string[] InvolvedWords = ["unknown", "military", "police", "civilian", "other"];

    /// <summary>Stores a valid report and answers its receipt; with an Idempotency-Key, a retry answers the first receipt.</summary>
    /// <param name="request">The report as sent.</param>
    /// <param name="idempotencyKey">The client's key for this submission, or null.</param>
    /// <param name="admit">
    /// Asked once the report is valid and not a replay, just before it is stored: false refuses it with
    /// <see cref="TooManyReports"/>. So a reporter's mistakes (a date in the wrong form, a blank field) and a retry never
    /// use up the limit on reports from one address, which a camp's shared connection may reach.
    /// </param>
    /// <param name="ct">Cancels the request.</param>
    public async Task<Result<Submitted>> SubmitAsync(PublicReportRequest request, string? idempotencyKey, Func<bool>? admit = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var validated = await ValidateAsync(request, DateOnly.FromDateTime(now.UtcDateTime), ct);
        if (validated.Error is { } error)
        {
            return error;
        }
        var report = validated.Value!;

        byte[]? keyHash = null;
        byte[]? requestHash = null;
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 255)
            {
                return ValidationError.For("Idempotency-Key", "The Idempotency-Key header must be 1 to 255 characters.");
            }
            keyHash = HMACSHA256.HashData(keys.ReceiptKey, Encoding.UTF8.GetBytes("idempotency:" + idempotencyKey));
            requestHash = HashRequest(request);
            var replay = await FindReplayAsync(keyHash, requestHash, ct);
            if (replay is not null)
            {
                return replay.Value;
            }
        }

        if (admit is not null && !admit())
        {
            return new TooManyReports();
        }
        var receipt = ReceiptCode.New();
        report.ReceiptHash = ReceiptCode.Hash(receipt, keys.ReceiptKey);
        report.ReceivedAt = now;
        report.Reference = "R-tmp-" + Guid.NewGuid().ToString("N");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Reports.Add(report);
        await db.SaveChangesAsync(ct);
        report.Reference = Reports.ReferenceFor(report.Id, now);
        if (keyHash is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                KeyHash = keyHash,
                RequestHash = requestHash!,
                ReportId = report.Id,
                ReceiptSealed = protector.Seal(receipt, IdempotencyRecord.ReceiptPurpose),
                CreatedAt = now,
            });
            // Old keys are forgotten: after a day a retry is a new report.
            await db.IdempotencyRecords.Where(r => r.CreatedAt < now - IdempotencyRecord.Lifetime).ExecuteDeleteAsync(ct);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException) when (keyHash is not null)
        {
            // A concurrent retry with the same key won the race: answer with its receipt.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var replay = await FindReplayAsync(keyHash, requestHash!, ct);
            if (replay is not null)
            {
                return replay.Value;
            }
            throw;
        }
        return new Submitted(receipt, ReportStatus.Received.PublicWord(), Replayed: false);
    }

    private async Task<Result<Submitted>?> FindReplayAsync(byte[] keyHash, byte[] requestHash, CancellationToken ct)
    {
        if (await IdempotencyRecords.FindAsync(db, keyHash, requestHash, clock.GetUtcNow(), ct) is not { } found)
        {
            return null;
        }
        if (found.Error is { } mismatch)
        {
            return mismatch;
        }
        var record = found.Value!;
        var status = await db.Reports.Where(r => r.Id == record.ReportId).Select(r => r.Status).FirstAsync(ct);
        return new Submitted(protector.Unseal(record.ReceiptSealed, IdempotencyRecord.ReceiptPurpose), status.PublicWord(), Replayed: true);
    }

    public async Task<Result<PublicStatus>> GetStatusAsync(string? receipt, CancellationToken ct = default)
    {
        var report = await FindByReceiptAsync(receipt, ct);
        if (report is null)
        {
            return new NotFoundError("No report has this receipt.");
        }
        var messages = await db.ReportMessages.AsNoTracking()
            .Where(m => m.ReportId == report.Id)
            .OrderBy(m => m.SentAt).ThenBy(m => m.Id)
            .ToListAsync(ct);
        // The actor is "anonymous": whoever holds the receipt. No address or user agent is kept.
        await audit.RecordReadAsync(nameof(Report), report.Id, detail: "status and messages, with the receipt", ct: ct);
        var word = report.Status.PublicWord();
        if (report.CaseId is { } caseId && await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Status, c.Body }).FirstOrDefaultAsync(ct) is { } @case)
        {
            var substantiated = await db.Findings.AnyAsync(f => f.Current && f.Outcome == FindingOutcome.Substantiated
                && db.CaseSubjects.Any(s => s.Id == f.SubjectId && s.CaseId == caseId), ct);
            word = @case.Status.PublicWord(substantiated, memberState: @case.Body == InvestigatingBody.TroopContributingCountry);
        }
        return new PublicStatus(word, messages
            .Select(m => new PublicMessage(m.From == MessageSender.Team ? "team" : "reporter",
                protector.Unseal(m.TextSealed, ReportMessage.TextPurpose), DateOnly.FromDateTime(m.SentAt.UtcDateTime)))
            .ToList());
    }

    /// <summary>How long the same text from the same reporter is taken for a repeat of one message.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(30);

    public async Task<Result<bool>> AddMessageAsync(string? receipt, string? text, CancellationToken ct = default)
    {
        // A browser sends line breaks as CR LF and counts them as one against maxlength: count them as one too.
        var trimmed = text?.ReplaceLineEndings("\n").Trim();
        if (!VisibleText.Any(trimmed) || VisibleText.Characters(trimmed) > IntakeOptions.MaxMessage)
        {
            return ValidationError.For("text", $"A message is 1 to {IntakeOptions.MaxMessage:N0} characters.");
        }
        var report = await FindByReceiptAsync(receipt, ct);
        if (report is null)
        {
            return new NotFoundError("No report has this receipt.");
        }
        var now = clock.GetUtcNow();
        // A reload or a second tap on a slow connection sends the same text again: it was already received.
        var last = await db.ReportMessages.AsNoTracking().Where(m => m.ReportId == report.Id && m.From == MessageSender.Reporter)
            .OrderByDescending(m => m.Id).Select(m => new { m.SentAt, m.TextSealed }).FirstOrDefaultAsync(ct);
        if (last is not null && now - last.SentAt < RepeatWindow && protector.Unseal(last.TextSealed, ReportMessage.TextPurpose) == trimmed)
        {
            return true;
        }
        db.ReportMessages.Add(new ReportMessage
        {
            ReportId = report.Id,
            From = MessageSender.Reporter,
            TextSealed = protector.Seal(trimmed, ReportMessage.TextPurpose),
            SentAt = now,
        });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Reports.Where(r => r.Id == report.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastReporterMessageAt, now), ct);
        // A bulk statement bypasses change tracking: record it here; the message itself is recorded by the interceptor.
        await audit.RecordAsync(new AuditEvent(AuditActions.Update, nameof(Report), AuditWriter.FormatKey(report.Id), nameof(Report.LastReporterMessageAt)), ct);
        if (report.Status != ReportStatus.Received)
        {
            // Triaged reports leave the inbox: without a word to the team, a reporter's later message reached no one.
            // The notification says only that there is one (the text stays sealed on the report).
            var target = await db.Reports.AsNoTracking().Where(r => r.Id == report.Id)
                .Select(r => new { r.Reference, r.MissionId, r.CaseId, Case = db.Cases.Where(c => c.Id == r.CaseId).Select(c => c.Reference).FirstOrDefault() })
                .FirstAsync(ct);
            db.Notifications.Add(new Cases.Notification
            {
                Role = Access.Roles.ConductOfficer,
                MissionId = target.MissionId,
                CaseId = target.CaseId,
                CreatedAt = now,
                Notice = target.Case is null
                    ? (Words)$"{target.Reference}: the reporter sent a new message after the report was closed."
                    : (Words)$"{target.Reference}: the reporter sent a new message (case {target.Case}).",
            });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private sealed record ReceiptMatch(int Id, ReportStatus Status, int? CaseId);

    /// <summary>One HMAC and one indexed query for every input, malformed ones included, so timing reveals nothing.</summary>
    private async Task<ReceiptMatch?> FindByReceiptAsync(string? typed, CancellationToken ct)
    {
        var wellFormed = ReceiptCode.TryNormalize(typed, out var normalized);
        var hash = ReceiptCode.Hash(wellFormed ? normalized! : "0000-0000-0000-0000-000X", keys.ReceiptKey);
        var match = await db.Reports.AsNoTracking()
            .Where(r => r.ReceiptHash == hash)
            .Select(r => new ReceiptMatch(r.Id, r.Status, r.CaseId))
            .FirstOrDefaultAsync(ct);
        return wellFormed ? match : null;
    }

    private byte[] HashRequest(PublicReportRequest request)
    {
        var canonical = string.Join('\u001f', request.Narrative?.Trim(), request.Language, request.Mission?.Trim().ToUpperInvariant(),
            request.Site?.Trim(), request.Location?.Trim(), request.IncidentDate?.Trim(), request.Involved?.Trim().ToLowerInvariant(),
            request.ChildInvolved?.ToString(), request.Contact?.Trim());
        return HMACSHA256.HashData(keys.ReceiptKey, Encoding.UTF8.GetBytes("request:" + canonical));
    }

    private async Task<Result<Report>> ValidateAsync(PublicReportRequest request, DateOnly today, CancellationToken ct)
    {
        var errors = new Dictionary<string, Words[]>();
        var narrative = request.Narrative?.ReplaceLineEndings("\n").Trim();
        if (!VisibleText.Any(narrative))
        {
            errors["narrative"] = ["Say what happened: the narrative is required."];
        }
        else if (VisibleText.Characters(narrative) is var characters && characters > IntakeOptions.MaxNarrative)
        {
            errors["narrative"] = [$"The narrative is at most {IntakeOptions.MaxNarrative:N0} characters; this one has {characters:N0}."];
        }

        var language = request.Language?.Trim();
        if (!string.IsNullOrEmpty(language) && !LanguageTag().IsMatch(language))
        {
            errors["language"] = [$"'{Shorten(language)}' is not a BCP 47 language tag such as fr or ar-TD."];
        }

        int? missionId = null;
        int? siteId = null;
        var location = request.Location?.Trim();
        var mission = request.Mission?.Trim();
        if (!string.IsNullOrEmpty(mission))
        {
            var code = mission.ToUpperInvariant();
            missionId = await db.Missions.Where(m => m.Code == code).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
            if (missionId is null)
            {
                errors["mission"] = [$"'{Shorten(mission)}' is not a known mission code."];
            }
        }
        var site = request.Site?.Trim();
        if (!string.IsNullOrEmpty(site))
        {
            if (site.Length > 200)
            {
                errors["site"] = ["The site is at most 200 characters."];
            }
            else if (missionId is not null)
            {
                // A mission has at most a few dozen sites: compare in memory, ignoring case.
                var sites = await db.Sites.Where(s => s.MissionId == missionId).Select(s => new { s.Id, s.Name, s.Code }).ToListAsync(ct);
                siteId = sites.FirstOrDefault(s => string.Equals(s.Name, site, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(s.Code, site, StringComparison.OrdinalIgnoreCase))?.Id;
            }
            if (siteId is null)
            {
                // A place the reporter names but we do not list is kept as their words, not refused.
                location = string.IsNullOrEmpty(location) ? site : $"{site}; {location}";
            }
        }
        if (location?.Length > IntakeOptions.MaxLocation)
        {
            errors["location"] = [$"The location is at most {IntakeOptions.MaxLocation:N0} characters."];
        }

        PartialDate? incident = null;
        var date = request.IncidentDate?.Trim();
        if (!string.IsNullOrEmpty(date))
        {
            if (!PartialDate.TryParse(date, out var parsed) || parsed.Month is null)
            {
                errors["incidentDate"] = [$"'{Shorten(date)}' is not a date (YYYY-MM-DD) or a month (YYYY-MM)."];
            }
            else if (parsed.Earliest > today)
            {
                errors["incidentDate"] = [$"'{date}' is in the future."];
            }
            else if (parsed.Latest < Cases.RecordDates.Earliest)
            {
                errors["incidentDate"] = [$"'{date}' is before the first peacekeeping mission (1948): check the year."];
            }
            else
            {
                incident = parsed;
            }
        }

        var involved = InvolvedCategory.Unknown;
        var involvedText = request.Involved?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(involvedText))
        {
            var index = Array.IndexOf(InvolvedWords, involvedText);
            if (index < 0)
            {
                errors["involved"] = [$"'{Shorten(involvedText)}' is not one of: {string.Join(", ", InvolvedWords)}."];
            }
            else
            {
                involved = (InvolvedCategory)index;
            }
        }

        var contact = request.Contact?.Trim();
        if (contact?.Length > IntakeOptions.MaxContact)
        {
            errors["contact"] = [$"The contact is at most {IntakeOptions.MaxContact} characters."];
        }

        if (errors.Count > 0)
        {
            return new ValidationError(errors);
        }
        return new Report
        {
            Reference = "",
            Channel = Channel.PublicPortal,
            Relationship = ReporterRelationship.Unknown,
            Language = string.IsNullOrEmpty(language) ? null : language,
            MissionId = missionId,
            SiteId = siteId,
            NarrativeSealed = protector.Seal(narrative!, Report.NarrativePurpose),
            LocationSealed = protector.SealOptional(string.IsNullOrEmpty(location) ? null : location, Report.LocationPurpose),
            ContactSealed = protector.SealOptional(string.IsNullOrEmpty(contact) ? null : contact, Report.ContactPurpose),
            IncidentDate = incident,
            Involved = involved,
            ChildInvolved = request.ChildInvolved,
            Status = ReportStatus.Received,
        };
    }

    /// <summary>Echo at most a little of what was sent back in an error, never a whole narrative.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$", RegexOptions.CultureInvariant)]
    internal static partial Regex LanguageTag();
}

public static class Reports
{
    public static string ReferenceFor(int id, DateTimeOffset received) =>
        string.Create(CultureInfo.InvariantCulture, $"R-{received.Year}-{id:D6}");
}
