using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Vigil.Web.Intake;

/// <summary>
/// Counts the reports each address has filed in the current window (valid, stored reports only), in memory. The
/// rate limiter on the submit routes counts every attempt and so allows several times more; this one is the
/// limit on reports. The address is never stored with a report, and entries are dropped once their window ends.
/// </summary>
public sealed class SubmissionQuota(IOptions<PublicRateLimits> limits, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;
        public int Count;
    }

    /// <summary>Seconds a refused sender is asked to wait (Retry-After).</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(limits.Value.Window.TotalSeconds);

    /// <summary>Takes one report's place for the caller's address; false when the window is full.</summary>
    public bool TryAdmit(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = clock.GetUtcNow();
        var key = (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();
        var window = windows.AddOrUpdate(key, _ => new Window(now), (_, w) => now - w.Start >= limits.Value.Window ? new Window(now) : w);
        if (Interlocked.Increment(ref window.Count) > limits.Value.SubmissionsPerWindow)
        {
            Interlocked.Decrement(ref window.Count);
            return false;
        }
        if (windows.Count > 10_000)
        {
            foreach (var (stale, w) in windows)
            {
                if (now - w.Start >= limits.Value.Window)
                {
                    windows.TryRemove(stale, out _);
                }
            }
        }
        return true;
    }
}
