using System.Text;
using CsCheck;
using Vigil.Core.Screening;
using Vigil.Core.Tests.Common;

namespace Vigil.Core.Tests.Screening;

/// <summary>
/// Random roster and registry files (CsCheck, seeded; a failure prints the file): every valid file reads back exactly,
/// and every damaged one (cut short, bytes changed or dropped, invalid UTF-8, a line repeated, quotes and commas where
/// they break the CSV) is either read or refused with the file, a line and a column; never an exception.
/// </summary>
public sealed class ScreeningFilesRandomTests
{
    private const int Files = 1_500;

    /// <summary>Name material with the characters that make CSV hard: commas, quotes, line breaks, pipes, other scripts.</summary>
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéçñøمحمدعلیВладимир習近平김정은कुमार  -'.,\"\n|";

    // Whole characters only: a lone half of a surrogate pair is not text UTF-8 can hold (an emoji is added whole).
    private static readonly Gen<string> Name = Gen.Select(Gen.Char[Letters].Array[0, 24], Gen.Bool, (chars, emoji) => "A" + new string(chars).Trim() + (emoji ? " 😀" : ""));

    private static readonly Gen<string> Date = Gen.OneOf(
        Gen.Const(""),
        Gen.Date[new DateTime(1940, 1, 1), new DateTime(2008, 12, 31)].Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Int[1940, 2008].Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> Nationality = Gen.OneOf("", "SEN", "mli", "EGY");

    private static readonly Gen<string> Ids = Gen.OneOf("", "P1234567", "P 765-4321|SEN-12345", "|");

    private static readonly Gen<string> Category = Gen.OneOf("", "military-contingent", "Civilian", "formed-police");

    private static readonly Gen<(string Name, string Date, string Nationality, string Ids, string Category)[]> RosterRows =
        Gen.Select(Name, Date, Nationality, Ids, Category).Array[1, 30];

    [Fact]
    public void ReadRoster_AnyValidFile_ReadsBackEveryRow()
    {
        RosterRows.Sample(rows =>
        {
            var read = Read(Roster(rows));
            Assert.True(read.Succeeded, read.Error?.ToString());
            Assert.Equal(rows.Length, read.Rows!.Count);
            for (var i = 0; i < rows.Length; i++)
            {
                Assert.Equal($"P{i}", read.Rows[i].Subject.Id);
                Assert.Equal(rows[i].Date.Length > 0, read.Rows[i].Subject.BirthDate is not null);
                Assert.Equal(rows[i].Category.Length > 0 ? rows[i].Category.ToLowerInvariant() : null, read.Rows[i].Category);
            }
        }, iter: Files, threads: 1, print: rows => Roster(rows));
    }

    [Fact]
    public void ReadRosterAndRegistry_DamagedFile_IsReadOrRefusedWithLineAndColumn()
    {
        Gen.Select(RosterRows, Gen.Int[0, FileDamage.Kinds - 1], Gen.Int[0, int.MaxValue], Gen.Bool).Sample((rows, kind, where, registry) =>
        {
            var text = registry ? Roster(rows).Replace("person_id,", "record_id,", StringComparison.Ordinal).Replace(",category,", ",finding,", StringComparison.Ordinal) : Roster(rows);
            var bytes = FileDamage.Apply(Encoding.UTF8.GetBytes(text), kind, where);
            using var stream = new MemoryStream(bytes);
            ScreeningInputError? error = registry
                ? ScreeningFiles.ReadRegistryAsync(stream, "damaged.csv", TestContext.Current.CancellationToken).GetAwaiter().GetResult().Error
                : ScreeningFiles.ReadRosterAsync(stream, "damaged.csv", TestContext.Current.CancellationToken).GetAwaiter().GetResult().Error;
            if (error is not null)
            {
                Assert.Equal("damaged.csv", error.File);
                Assert.InRange(error.Line, 1, FileDamage.LineBreaks(bytes) + 1);
                // A damaged header can swallow the first rows, so a missing column is named one past however many it has.
                Assert.InRange(error.Column, 1, bytes.Count(b => b == (byte)',') + 2);
                Assert.False(string.IsNullOrWhiteSpace(error.Message.ToString()));
            }
        }, iter: Files * 4, threads: 1, print: t => $"kind {t.Item2} at {t.Item3}, registry {t.Item4}:\n{Roster(t.Item1)}");
    }

    private static ScreeningRead<RosterEntry> Read(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return ScreeningFiles.ReadRosterAsync(stream, "roster.csv", TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>An RFC 4180 roster: every field quoted, inner quotes doubled; the columns in an unusual order.</summary>
    private static string Roster((string Name, string Date, string Nationality, string Ids, string Category)[] rows)
    {
        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var text = new StringBuilder("nationality,person_id,full_name,category,date_of_birth,id_numbers,unit\r\n");
        for (var i = 0; i < rows.Length; i++)
        {
            var (name, date, nationality, ids, category) = rows[i];
            text.Append(string.Join(',', Quote(nationality), Quote($"P{i}"), Quote(name), Quote(category), Quote(date), Quote(ids), Quote("Unit 4"))).Append("\r\n");
        }
        return text.ToString();
    }
}
