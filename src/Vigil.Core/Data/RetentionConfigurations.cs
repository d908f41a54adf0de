using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Cases;
using Vigil.Core.Intake;
using Vigil.Core.Retention;

namespace Vigil.Core.Data;

internal sealed class LegalHoldConfiguration : IEntityTypeConfiguration<LegalHold>
{
    public void Configure(EntityTypeBuilder<LegalHold> e)
    {
        e.Property(h => h.SetByUserId).HasMaxLength(450);
        e.Property(h => h.ReleasedByUserId).HasMaxLength(450);
        e.HasOne<Case>().WithMany().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Report>().WithMany().HasForeignKey(h => h.ReportId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(h => new { h.CaseId, h.ReleasedAt });
        e.HasIndex(h => new { h.ReportId, h.ReleasedAt });
        e.ToTable(t => t.HasCheckConstraint("CK_LegalHolds_OneRecord", "(\"CaseId\" IS NULL) <> (\"ReportId\" IS NULL)"));
    }
}

internal sealed class RetentionMarkConfiguration : IEntityTypeConfiguration<RetentionMark>
{
    public void Configure(EntityTypeBuilder<RetentionMark> e)
    {
        e.HasIndex(m => new { m.Kind, m.RecordId }).IsUnique();
        e.HasOne<RetentionRun>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RetentionRunConfiguration : IEntityTypeConfiguration<RetentionRun>
{
    public void Configure(EntityTypeBuilder<RetentionRun> e) => e.Property(r => r.Trigger).HasMaxLength(20);
}
