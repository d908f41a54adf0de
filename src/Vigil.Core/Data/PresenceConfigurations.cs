using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Presence;

namespace Vigil.Core.Data;

internal sealed class RotationRunConfiguration : IEntityTypeConfiguration<RotationRun>
{
    public void Configure(EntityTypeBuilder<RotationRun> e)
    {
        e.HasOne(r => r.Mission).WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.ProblemJson).IsRequired();
        e.Property(r => r.PlanStatus).HasMaxLength(20);
        e.Property(r => r.Failure).HasMaxLength(2000);
        e.Property(r => r.CreatedBy).HaveMaxLengthAndRequired(256);
        e.Property(r => r.ApprovedBy).HasMaxLength(256);
        e.HasIndex(r => new { r.MissionId, r.CreatedAt });
        e.HasIndex(r => r.State);
    }
}

internal sealed class OfficialConfiguration : IEntityTypeConfiguration<Official>
{
    public void Configure(EntityTypeBuilder<Official> e)
    {
        e.HasOne(o => o.Site).WithMany().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.Property(o => o.FullName).HaveMaxLengthAndRequired(300);
        e.Property(o => o.Title).HaveMaxLengthAndRequired(200);
        e.Property(o => o.Nationality).HaveMaxLengthAndRequired(3).IsFixedLength();
        e.HasMany(o => o.Evaluations).WithOne(v => v.Official).HasForeignKey(v => v.OfficialId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OfficialEvaluationConfiguration : IEntityTypeConfiguration<OfficialEvaluation>
{
    public void Configure(EntityTypeBuilder<OfficialEvaluation> e)
    {
        e.HasOne(v => v.Evaluator).WithMany().HasForeignKey(v => v.EvaluatorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(v => v.RecordedBy).HaveMaxLengthAndRequired(256);
        // One evaluation per official and period.
        e.HasIndex(v => new { v.OfficialId, v.PeriodStart }).IsUnique();
    }
}
