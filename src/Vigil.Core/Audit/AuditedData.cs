using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigil.Core.Data;

namespace Vigil.Core.Audit;

/// <summary>
/// The tables every real database fills through audited writes (accounts, missions, reports, cases): rows there with no
/// audit log mean the log was deleted. A brand-new database holds none, so its empty log is intact.
/// </summary>
public static class AuditedData
{
    private static readonly (string Table, string RecordType, string Noun)[] Tables =
    [
        ("AspNetUsers", nameof(Access.VigilUser), "user account(s)"),
        ("Missions", nameof(Reference.Mission), "mission(s)"),
        ("Reports", nameof(Intake.Report), "report(s)"),
        ("Cases", nameof(Cases.Case), "case(s)"),
    ];

    /// <summary>
    /// "3 user account(s), 1 mission(s)": the rows of those tables that <paramref name="entries"/> (the first append,
    /// in the same transaction) do not record as created; null when there are none.
    /// </summary>
    public static async Task<string?> DescribeUnaccountedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT " + string.Join(", ", Tables.Select(t => $"(SELECT COUNT(*) FROM \"{t.Table}\")"));
        var counts = new long[Tables.Length];
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                for (var i = 0; i < counts.Length; i++)
                {
                    counts[i] = Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                }
            }
        }
        return Describe(Tables.Select((t, i) => counts[i] - entries.Count(e => e.Action == AuditActions.Create && e.RecordType == t.RecordType)));
    }

    /// <summary>The same description of what a database holds, for a verification with no log at all; null when it holds none.</summary>
    public static async Task<string?> DescribeAsync(VigilDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Describe(
        [
            await db.Users.LongCountAsync(ct),
            await db.Missions.LongCountAsync(ct),
            await db.Reports.LongCountAsync(ct),
            await db.Cases.LongCountAsync(ct),
        ]);
    }

    private static string? Describe(IEnumerable<long> counts)
    {
        var parts = counts.Select((count, i) => (count, Tables[i].Noun)).Where(p => p.count > 0)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.count:N0} {p.Noun}")).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
