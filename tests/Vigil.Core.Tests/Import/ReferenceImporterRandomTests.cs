using System.Text;
using CsCheck;
using Vigil.Core.Import;
using Vigil.Core.Tests.Common;

namespace Vigil.Core.Tests.Import;

/// <summary>
/// The six reference files with one of them damaged at random (CsCheck, seeded; a failure prints the damage): the
/// import either succeeds or fails naming a file and a line, and a failed import writes nothing, not even the valid
/// files beside the damaged one. One database serves every draw, so a failure after earlier successes is checked too.
/// </summary>
public sealed class ReferenceImporterRandomTests
{
    [Fact]
    public async Task Import_OneDamagedFile_SucceedsOrFailsNamingFileAndLine_AndAFailureWritesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var kinds = Enum.GetValues<ImportKind>();
        var names = kinds.Select(k => k.DefaultFileName()).ToHashSet(StringComparer.Ordinal);
        var (failed, succeeded) = (0, 0);
        await Gen.Select(Gen.Int[0, kinds.Length - 1], Gen.Int[0, FileDamage.Kinds - 1], Gen.Int[0, int.MaxValue]).SampleAsync(async t =>
        {
            var (which, kind, where) = t;
            var damaged = FileDamage.Apply(Encoding.UTF8.GetBytes(ValidCsv.Of(kinds[which])), kind, where);
            var files = kinds.Select(k => k == kinds[which]
                ? ImportFile.FromStream(k, k.DefaultFileName(), new MemoryStream(damaged))
                : TestDatabase.Csv(k, ValidCsv.Of(k))).ToArray();
            var before = await database.CountReferenceRowsAsync();
            var result = await database.ImportAsync(files);
            if (result is ImportFailed failure)
            {
                failed++;
                Assert.NotEmpty(failure.Errors);
                Assert.All(failure.Errors, e =>
                {
                    Assert.Contains(e.File, names);
                    var text = e.File == kinds[which].DefaultFileName() ? damaged : Encoding.UTF8.GetBytes(ValidCsv.Of(kinds.First(k => k.DefaultFileName() == e.File)));
                    // Line 0 is the whole file (empty, or in another encoding): such an error names no column.
                    Assert.InRange(e.Line, e.Column is null ? 0 : 1, FileDamage.LineBreaks(text) + 2);
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                });
                Assert.Equal(before, await database.CountReferenceRowsAsync());
            }
            else
            {
                succeeded++;
                Assert.IsType<ImportSucceeded>(result);
            }
        }, iter: 300, threads: 1, print: t => $"{kinds[t.Item1]} damaged by kind {t.Item2} at {t.Item3}");
        Assert.True(failed > 0 && succeeded > 0, $"{failed} failed, {succeeded} succeeded: the draws should give both");
    }
}
