using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Vigil.Core.Data;
using Vigil.Core.Intake;
using Vigil.Core.Security;
using Vigil.Tests.Infrastructure;

namespace Vigil.Tests;

/// <summary>
/// A right, a wrong and a malformed receipt take the same path: one keyed hash and one indexed
/// query on the receipt hash, so neither timing nor the database's work tells them apart.
/// </summary>
public sealed class ReceiptPathTests
{
    private sealed class ReceiptQueryCounter : DbCommandInterceptor
    {
        public int Lookups { get; set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("ReceiptHash", StringComparison.Ordinal) && command.CommandText.Contains("WHERE", StringComparison.Ordinal))
            {
                Lookups++;
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RightWrongAndMalformedReceipts_EachMakeExactlyOneHashLookup(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var counter = new ReceiptQueryCounter();
        var builder = new DbContextOptionsBuilder<VigilDbContext>();
        database.Storage.Apply(builder);
        builder.AddInterceptors(counter);
        await using var db = new VigilDbContext(builder.Options);
        await db.Database.MigrateAsync(ct);
        var keys = KeyRing.Generate();
        var reports = new PublicReports(db, new FieldProtector(keys), keys, TimeProvider.System, Vigil.Core.Audit.AuditTrail.ForSystem(db, keys, TimeProvider.System));
        var receipt = (await reports.SubmitAsync(new PublicReportRequest { Narrative = "Synthetic path test." }, null, ct: ct)).Value!.Receipt;

        foreach (var (typed, found) in new[] { (receipt, true), ("0000-0000-0000-0000-0000", false), ("not-a-receipt", false), ("", false) })
        {
            counter.Lookups = 0;
            var result = await reports.GetStatusAsync(typed, ct);
            Assert.Equal(found, result.IsSuccess);
            Assert.Equal(1, counter.Lookups);
        }
    }

    [Theory]
    [InlineData("7K3M-Q9TX-2HBW-5NRD-C8VF", "7K3M-Q9TX-2HBW-5NRD-C8VF")]
    [InlineData("7k3m q9tx 2hbw 5nrd c8vf", "7K3M-Q9TX-2HBW-5NRD-C8VF")]
    [InlineData("7K3MQ9TX2HBW5NRDC8VF", "7K3M-Q9TX-2HBW-5NRD-C8VF")]
    [InlineData("OOOO-IIII-LLLL-0000-1111", "0000-1111-1111-0000-1111")]
    public void Receipt_ForgivesCaseSpacingAndLookAlikes(string typed, string expected)
    {
        Assert.True(ReceiptCode.TryNormalize(typed, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("7K3M-Q9TX-2HBW-5NRD")]
    [InlineData("7K3M-Q9TX-2HBW-5NRD-C8VFX")]
    [InlineData("7K3M-Q9TX-2HBW-5NRD-C8VU")]
    [InlineData(null)]
    public void Receipt_RefusesWrongLengthOrLetters(string? typed) => Assert.False(ReceiptCode.TryNormalize(typed, out _));

    [Fact]
    public void NewReceipts_CarryAtLeast80Bits_AndDoNotRepeat()
    {
        Assert.True(ReceiptCode.EntropyBits >= 80);
        var receipts = Enumerable.Range(0, 2000).Select(_ => ReceiptCode.New()).ToHashSet();
        Assert.Equal(2000, receipts.Count);
        Assert.All(receipts, r => Assert.True(ReceiptCode.TryNormalize(r, out var n) && n == r));
    }

    [Fact]
    public void SealedText_NeedsTheRightKeyAndPurpose()
    {
        var keys = KeyRing.Generate();
        var protector = new FieldProtector(keys);
        var sealedText = protector.Seal("synthetic secret", Report.NarrativePurpose);
        Assert.Equal("synthetic secret", protector.Unseal(sealedText, Report.NarrativePurpose));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unseal(sealedText, Report.ContactPurpose));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new FieldProtector(KeyRing.Generate()).Unseal(sealedText, Report.NarrativePurpose));
    }

    [Fact]
    public void KeyFile_IsCreatedOwnerOnly_AndReloadsTheSameKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), "vigil-keys-" + Guid.NewGuid().ToString("N"), KeyRing.FileName);
        var created = KeyRing.LoadOrCreate(path);
        var loaded = KeyRing.LoadOrCreate(path);
        Assert.Equal(created.ReceiptKey, loaded.ReceiptKey);
        Assert.Equal(created.FieldKey(1), loaded.FieldKey(1));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
