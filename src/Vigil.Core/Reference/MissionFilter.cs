using Microsoft.EntityFrameworkCore;
using Vigil.Core.Common;
using Vigil.Core.Data;

namespace Vigil.Core.Reference;

/// <summary>
/// A list's mission filter as a person types it (<c>minusca</c> for MINUSCA): the code in upper case, or a refusal naming
/// the filter when no mission has the code. A slip answered with zeros read as "nothing there" (the case list, the overdue
/// dashboard); a mission out of the caller's scope is not refused here (missions are public): its lists answer none.
/// </summary>
public static class MissionFilter
{
    /// <summary>The field the refusal names, the query parameter of every list that filters by mission.</summary>
    public const string Field = "mission";

    /// <summary>
    /// The code to filter by, upper case and trimmed; null (no filter) when <paramref name="typed"/> is null or blank; a
    /// <see cref="ValidationError"/> on <see cref="Field"/> when no mission has that code.
    /// </summary>
    public static async Task<Result<string?>> ReadAsync(VigilDbContext db, string? typed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        string? none = null;
        if (string.IsNullOrWhiteSpace(typed))
        {
            return none;
        }
        var code = typed.Trim().ToUpperInvariant();
        if (!await db.Missions.AnyAsync(m => m.Code == code, ct))
        {
            return ValidationError.For(Field, (Words)$"No mission has the code '{QuotedValue.Shown(typed.Trim(), 40)}': give a mission's code, e.g. MINUSCA.");
        }
        return code;
    }
}
