using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Data;
using Vigil.Core.Security;

namespace Vigil.Core.Replay;

/// <summary>
/// One staff API write sent with an <c>Idempotency-Key</c>: its key (an HMAC of the account and the key), the
/// request it answered (an HMAC of method, path and body) and, once it succeeded, the answer, sealed, for 24 hours.
/// A field officer on a poor connection who never saw the answer sends the same request again and gets the
/// first answer, not a second note verbale, action or evidence item.
/// </summary>
public sealed class ApiReplay
{
    /// <summary>Purpose of the sealed answer body.</summary>
    public const string BodyPurpose = "api-replay.body";

    /// <summary>How long an answer is kept for a retry.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>How long a request may run before its key is taken as abandoned (the process died mid-request).</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(5);

    public int Id { get; set; }
    public required byte[] KeyHash { get; set; }
    public required byte[] RequestHash { get; set; }

    /// <summary>0 while the first request runs; then the status it answered.</summary>
    public int Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? BodySealed { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ApiReplayConfiguration : IEntityTypeConfiguration<ApiReplay>
{
    public void Configure(EntityTypeBuilder<ApiReplay> e)
    {
        e.Property(r => r.KeyHash).HasMaxLength(32);
        e.HasIndex(r => r.KeyHash).IsUnique();
        e.HasIndex(r => r.CreatedAt);
        e.Property(r => r.RequestHash).HasMaxLength(32);
        e.Property(r => r.ContentType).HasMaxLength(200);
        e.Property(r => r.Location).HasMaxLength(500);
    }
}

/// <summary>What <see cref="ApiReplays.BeginAsync"/> found for a key.</summary>
public abstract record ReplayStart
{
    private ReplayStart()
    {
    }

    /// <summary>A first send: the request runs, then <see cref="ApiReplays.CompleteAsync"/> or <see cref="ApiReplays.AbandonAsync"/>.</summary>
    public sealed record First(int Id) : ReplayStart;

    /// <summary>A retry of a request that succeeded: its answer.</summary>
    public sealed record Answer(int Status, string? ContentType, string? Location, byte[] Body) : ReplayStart;

    /// <summary>The first request with this key is still running.</summary>
    public sealed record InProgress : ReplayStart;

    /// <summary>The key was used for another request (another path or body).</summary>
    public sealed record Mismatch : ReplayStart;
}

/// <summary>The store behind the staff API's <c>Idempotency-Key</c> (see <see cref="ApiReplay"/>).</summary>
public sealed class ApiReplays(VigilDbContext db, FieldProtector protector, TimeProvider clock)
{
    /// <summary>
    /// Claims <paramref name="keyHash"/> for this request, or says what holds it: a stored answer, a request still
    /// running, or another request.
    /// </summary>
    public async Task<ReplayStart> BeginAsync(byte[] keyHash, byte[] requestHash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var found = await db.Set<ApiReplay>().AsNoTracking().FirstOrDefaultAsync(r => r.KeyHash == keyHash, ct);
            if (found is not null)
            {
                var expired = found.CreatedAt < now - ApiReplay.Lifetime || (found.Status == 0 && found.CreatedAt < now - ApiReplay.Abandoned);
                if (!expired)
                {
                    if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(found.RequestHash, requestHash))
                    {
                        return new ReplayStart.Mismatch();
                    }
                    return found.Status == 0
                        ? new ReplayStart.InProgress()
                        : new ReplayStart.Answer(found.Status, found.ContentType, found.Location,
                            found.BodySealed is null ? [] : protector.UnsealBytes(found.BodySealed, ApiReplay.BodyPurpose));
                }
                await db.Set<ApiReplay>().Where(r => r.Id == found.Id).ExecuteDeleteAsync(ct);
            }
            var claim = new ApiReplay { KeyHash = keyHash, RequestHash = requestHash, CreatedAt = now };
            db.Add(claim);
            try
            {
                await db.SaveChangesAsync(ct);
                db.Entry(claim).State = EntityState.Detached;
                return new ReplayStart.First(claim.Id);
            }
            catch (DbUpdateException)
            {
                // The same key claimed at the same moment by another request: read what it holds.
                db.Entry(claim).State = EntityState.Detached;
            }
        }
        return new ReplayStart.InProgress();
    }

    /// <summary>Keeps a successful answer for retries, and drops answers past their lifetime.</summary>
    public async Task CompleteAsync(int id, int status, string? contentType, string? location, byte[] body, CancellationToken ct)
    {
        var sealedBody = body.Length == 0 ? null : protector.SealBytes(body, ApiReplay.BodyPurpose);
        await db.Set<ApiReplay>().Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.ContentType, contentType)
            .SetProperty(r => r.Location, location)
            .SetProperty(r => r.BodySealed, sealedBody), ct);
        await PurgeExpiredAsync(ct);
    }

    /// <summary>Frees the key of a request that failed, so that its retry runs again.</summary>
    public Task AbandonAsync(int id, CancellationToken ct) =>
        db.Set<ApiReplay>().Where(r => r.Id == id).ExecuteDeleteAsync(ct);

    /// <summary>Deletes answers past their lifetime (also run by retention).</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - ApiReplay.Lifetime;
        return db.Set<ApiReplay>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
