using System.Collections;
using System.Data.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Vigil.Core.Intake;

namespace Vigil.Core.Audit;

/// <summary>
/// Records every added, modified and deleted entity in the audit log, in the same transaction as the
/// change. SaveChanges outside a transaction gets one of its own (so the change and its entries commit
/// together); entries are appended when the transaction commits, which keeps the append lock as short
/// as possible. Not recorded: the audit tables themselves, data-protection keys (cookie and token
/// keys, rotated by the framework) idempotency records and API replays (replay caches
/// of answers whose writes are recorded).
/// </summary>
public sealed class AuditInterceptor(AuditWriter writer, IAuditActor actor, TimeProvider clock) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<Type> Unaudited =
    [
        typeof(AuditEntry), typeof(AuditHead), typeof(AuditCheckpoint), typeof(DataProtectionKey), typeof(IdempotencyRecord),
        typeof(Replay.ApiReplay),
    ];

    private sealed record Change(EntityEntry Entry, EntityState State, string? Key, string? Detail);

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, SaveState> saves = new();

    private sealed class SaveState
    {
        public List<Change> Changes { get; set; } = [];
        public IDbContextTransaction? OwnTransaction { get; set; }
        public DateTimeOffset At { get; set; }
        public string Actor { get; set; } = "";
    }

    public static bool IsAudited(Type type) => !Unaudited.Contains(type);

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Capture(context) is { } state && context.Database.CurrentTransaction is null)
        {
            state.OwnTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        }
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Capture(context) is { } state && context.Database.CurrentTransaction is null)
        {
            state.OwnTransaction = context.Database.BeginTransaction();
        }
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Complete(context) is { } own)
        {
            await using (own)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && Complete(context) is { } own)
        {
            using (own)
            {
                own.Commit();
            }
        }
        return result;
    }

    public async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Abandon(context) is { } own)
        {
            await using (own)
            {
                await own.RollbackAsync(cancellationToken);
            }
        }
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && Abandon(context) is { } own)
        {
            using (own)
            {
                own.Rollback();
            }
        }
    }

    public async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Abandon(context) is { } own)
        {
            await using (own)
            {
                await own.RollbackAsync(CancellationToken.None);
            }
        }
    }

    public void SaveChangesCanceled(DbContextEventData eventData)
    {
        if (eventData.Context is { } context && Abandon(context) is { } own)
        {
            using (own)
            {
                own.Rollback();
            }
        }
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await writer.AppendAsync(context, transaction, writer.Take(context, eventData.TransactionId), cancellationToken);
        }
        return result;
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (eventData.Context is { } context)
        {
            // The synchronous path is rare (data protection's key store, which is not audited).
            writer.AppendAsync(context, transaction, writer.Take(context, eventData.TransactionId)).GetAwaiter().GetResult();
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => writer.Committed(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        writer.Committed(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        writer.RolledBack(transaction);
        if (eventData.Context is { } context)
        {
            writer.Discard(context);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private SaveState? Capture(DbContext context)
    {
        var changes = new List<Change>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsAudited(entry.Metadata.ClrType))
            {
                continue;
            }
            // Keys of added rows may be generated by the database: read after the save.
            var key = entry.State == EntityState.Added ? null : KeyOf(entry);
            var detail = entry.State == EntityState.Modified ? ChangedProperties(entry) : null;
            changes.Add(new Change(entry, entry.State, key, detail));
        }
        if (changes.Count == 0)
        {
            saves.Remove(context);
            return null;
        }
        var state = new SaveState { Changes = changes, At = AuditEntry.Normalize(clock.GetUtcNow()), Actor = actor.Current };
        saves.AddOrUpdate(context, state);
        return state;
    }

    private IDbContextTransaction? Complete(DbContext context)
    {
        if (!saves.TryGetValue(context, out var state))
        {
            return null;
        }
        saves.Remove(context);
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Changes were saved outside a transaction: their audit entries cannot be written.");
        writer.Enqueue(context, transaction.TransactionId, state.Changes.Select(c => new AuditEntry
        {
            At = state.At,
            Actor = state.Actor,
            Action = c.State switch
            {
                EntityState.Added => AuditActions.Create,
                EntityState.Deleted => AuditActions.Delete,
                _ => AuditActions.Update,
            },
            RecordType = c.Entry.Metadata.DisplayName(),
            RecordId = c.Key ?? KeyOf(c.Entry),
            Detail = c.Detail,
        }).ToList());
        return state.OwnTransaction;
    }

    private IDbContextTransaction? Abandon(DbContext context)
    {
        if (!saves.TryGetValue(context, out var state))
        {
            return null;
        }
        saves.Remove(context);
        return state.OwnTransaction;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }
        return string.Join("/", key.Properties.Select(p => AuditWriter.FormatKey(entry.Property(p.Name).CurrentValue)));
    }

    /// <summary>Names of the properties whose value changed (names only: values may be personal data).</summary>
    private static string ChangedProperties(EntityEntry entry)
    {
        var modified = entry.Properties.Where(p => p.IsModified).ToList();
        var changed = modified.Where(p => !ValuesEqual(p.OriginalValue, p.CurrentValue)).Select(p => p.Metadata.Name).ToList();
        var names = changed.Count > 0 ? changed : modified.Select(p => p.Metadata.Name).ToList();
        var text = string.Join(", ", names);
        return text.Length <= 2000 ? text : text[..1997] + "...";
    }

    private static bool ValuesEqual(object? a, object? b) =>
        a is IStructuralEquatable s ? s.Equals(b, StructuralComparisons.StructuralEqualityComparer) : Equals(a, b);
}
