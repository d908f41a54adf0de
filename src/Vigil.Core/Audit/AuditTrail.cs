using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Core.Data;

namespace Vigil.Core.Audit;

/// <summary>Action names in the audit log. Features may add their own (kebab-case).</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Read = "read";
    public const string SignIn = "sign-in";
    public const string SignOut = "sign-out";
    public const string Export = "export";
}

/// <summary>
/// Something to append to the audit log. <paramref name="Detail"/> and <paramref name="Reason"/> must
/// not hold personal data: name fields, never their values. <paramref name="Actor"/> overrides the
/// current actor (e.g. the user who has just signed in).
/// </summary>
public sealed record AuditEvent(string Action, string RecordType, string? RecordId, string? Detail = null, string? Reason = null, string? Actor = null);

/// <summary>Who is acting: a user id, <see cref="System"/> for workers and the command line, or <see cref="Anonymous"/>.</summary>
public interface IAuditActor
{
    public const string System = "system";
    public const string Anonymous = "anonymous";

    string Current { get; }
}

/// <summary>The command line and background workers act as "system".</summary>
public sealed class SystemActor : IAuditActor
{
    public static SystemActor Instance { get; } = new();

    public string Current => IAuditActor.System;
}

/// <summary>
/// The public way to write to the audit log. Changes made through EF Core are recorded by
/// <see cref="AuditInterceptor"/> without any call; call <see cref="RecordReadAsync"/> wherever
/// sensitive content is shown (and <see cref="RecordAsync(AuditEvent, CancellationToken)"/> for bulk statements that bypass change
/// tracking). Inside a transaction the entry is appended when it commits, and is lost with it on
/// rollback; otherwise it is appended at once.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Records that the current actor was shown a sensitive record: <paramref name="recordType"/> as in
    /// change entries (the entity name, e.g. "Case", "CaseVictim"), its id, the justification for a
    /// break-glass access, and optionally which part was shown (e.g. "identity").
    /// </summary>
    Task RecordReadAsync(string recordType, object recordId, string? reason = null, string? detail = null, CancellationToken ct = default);

    Task RecordAsync(AuditEvent auditEvent, CancellationToken ct = default);

    /// <summary>Several events at once (one transaction, one append).</summary>
    Task RecordAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken ct = default);
}

public static class AuditTrailExtensions
{
    /// <summary>
    /// Records that the current actor was shown several sensitive records at once (a list page that shows their
    /// content): one read entry each, appended together. Nothing is written for an empty page.
    /// </summary>
    public static Task RecordReadsAsync(this IAuditTrail audit, string recordType, IEnumerable<object> recordIds, string? detail = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var events = recordIds.Select(id => new AuditEvent(AuditActions.Read, recordType, AuditWriter.FormatKey(id), detail)).ToList();
        return events.Count == 0 ? Task.CompletedTask : audit.RecordAsync(events, ct);
    }
}

public sealed class AuditTrail(VigilDbContext db, AuditWriter writer, IAuditActor actor, TimeProvider clock) : IAuditTrail
{
    /// <summary>
    /// A trail acting as "system" over a context built by hand (tools, benchmarks, tests). Such contexts write rows without
    /// an audit interceptor, so this trail may start a chain over them (<see cref="AuditOptions.RefuseNewChainOverData"/>
    /// off); it checks the head before every append like any other writer.
    /// </summary>
    public static AuditTrail ForSystem(VigilDbContext db, Security.KeyRing keys, TimeProvider clock) =>
        new(db, new AuditWriter(keys, clock, Microsoft.Extensions.Options.Options.Create(new AuditOptions { RefuseNewChainOverData = false })), SystemActor.Instance, clock);

    public Task RecordReadAsync(string recordType, object recordId, string? reason = null, string? detail = null, CancellationToken ct = default) =>
        RecordAsync(new AuditEvent(AuditActions.Read, recordType, AuditWriter.FormatKey(recordId), detail, reason), ct);

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken ct = default) => RecordAsync([auditEvent], ct);

    public async Task RecordAsync(IReadOnlyList<AuditEvent> auditEvents, CancellationToken ct = default)
    {
        var at = AuditEntry.Normalize(clock.GetUtcNow());
        var current = actor.Current;
        var entries = auditEvents.Select(e => new AuditEntry
        {
            At = at,
            Actor = e.Actor ?? current,
            Action = e.Action,
            RecordType = e.RecordType,
            RecordId = e.RecordId,
            Detail = e.Detail,
            Reason = e.Reason,
        }).ToList();
        if (db.Database.CurrentTransaction is { } transaction)
        {
            if (!HasInterceptor())
            {
                throw new InvalidOperationException("This DbContext has no audit interceptor: entries written inside its transactions would be lost.");
            }
            writer.Enqueue(db, transaction.TransactionId, entries);
            return;
        }
        await using var own = await db.Database.BeginTransactionAsync(ct);
        await writer.AppendAsync(db, own.GetDbTransaction(), entries, ct);
        // The entries are written; the interceptor, if any, finds nothing left for this transaction.
        await own.CommitAsync(ct);
        writer.Committed(own.GetDbTransaction());
    }

    private bool HasInterceptor() =>
        db.GetService<IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.Interceptors?
            .Any(i => i is AuditInterceptor) == true;
}
