using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Cases;
using Vigil.Core.Intake;

namespace Vigil.Core.Data;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> e)
    {
        e.Property(r => r.Reference).HaveMaxLengthAndRequired(40);
        e.HasIndex(r => r.Reference).IsUnique();
        e.Property(r => r.Language).HasMaxLength(35);
        e.Property(r => r.ReceiptHash).HasMaxLength(32);
        e.HasIndex(r => r.ReceiptHash).IsUnique();
        e.HasIndex(r => new { r.Status, r.MissionId, r.ReceivedAt });
        e.HasIndex(r => r.CaseId);
        e.HasOne(r => r.Mission).WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(r => r.Site).WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(r => r.Decisions).WithOne().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportMessageConfiguration : IEntityTypeConfiguration<ReportMessage>
{
    public void Configure(EntityTypeBuilder<ReportMessage> e)
    {
        e.Property(m => m.SentByUserId).HasMaxLength(450);
        e.HasIndex(m => new { m.ReportId, m.SentAt });
    }
}

internal sealed class ReportDecisionConfiguration : IEntityTypeConfiguration<ReportDecision>
{
    public void Configure(EntityTypeBuilder<ReportDecision> e)
    {
        e.Property(d => d.DecidedByUserId).HaveMaxLengthAndRequired(450);
        e.HasIndex(d => d.ReportId);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.Property(r => r.KeyHash).HasMaxLength(32);
        e.HasIndex(r => r.KeyHash).IsUnique();
        e.HasIndex(r => r.CreatedAt);
        e.Property(r => r.RequestHash).HasMaxLength(32);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        // Two moves of one case at once: the second finds the status changed and fails (409), not a second timeline line.
        e.Property(c => c.Status).IsConcurrencyToken();
        e.Property(c => c.Reference).HaveMaxLengthAndRequired(40);
        e.HasIndex(c => c.Reference).IsUnique();
        e.Property(c => c.OpenedByUserId).HaveMaxLengthAndRequired(450);
        e.HasIndex(c => new { c.MissionId, c.Status });
        e.HasIndex(c => new { c.Status, c.OpenedAt });
        // The unfiltered list is newest first.
        e.HasIndex(c => new { c.OpenedAt, c.Id });
        e.Property(c => c.Country).HasMaxLength(3).IsFixedLength();
        e.HasOne(c => c.Mission).WithMany().HasForeignKey(c => c.MissionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.Site).WithMany().HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Allegations).WithOne().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
