using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Screening;

namespace Vigil.Core.Data;

internal sealed class ScreeningRunConfiguration : IEntityTypeConfiguration<ScreeningRun>
{
    public void Configure(EntityTypeBuilder<ScreeningRun> e)
    {
        e.ToTable("ScreeningRuns");
        e.Property(r => r.UserId).HasMaxLength(450);
        e.HasIndex(r => r.StartedAt);
    }
}

internal sealed class ScreeningMatchConfiguration : IEntityTypeConfiguration<ScreeningMatch>
{
    public void Configure(EntityTypeBuilder<ScreeningMatch> e)
    {
        // Two decisions at once: the second finds the status changed and fails (409), instead of both "succeeding".
        e.Property(m => m.Status).IsConcurrencyToken();
        e.ToTable("ScreeningMatches");
        e.Property(m => m.SubjectKey).HaveMaxLengthAndRequired(80);
        e.Property(m => m.SubjectName).HaveMaxLengthAndRequired(300);
        e.Property(m => m.SubjectNationality).HasMaxLength(3).IsFixedLength();
        e.Property(m => m.SubjectCategory).HasMaxLength(40);
        e.Property(m => m.SubjectUnit).HasMaxLength(200);
        e.Property(m => m.SubjectFingerprint).HaveMaxLengthAndRequired(32);
        e.Property(m => m.RecordFingerprint).HaveMaxLengthAndRequired(32);
        e.Property(m => m.Reasons).HaveMaxLengthAndRequired(2000);
        e.Property(m => m.DecidedByUserId).HasMaxLength(450);
        e.HasOne<ScreeningRun>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(m => m.RegistryRecord).WithMany().HasForeignKey(m => m.RegistryRecordId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Personnel.Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        // The memory of decisions: one row per pair and pair of record versions.
        e.HasIndex(m => new { m.SubjectKey, m.RegistryRecordId, m.SubjectFingerprint, m.RecordFingerprint }).IsUnique();
        e.HasIndex(m => new { m.Status, m.MissionId });
    }
}

internal sealed class ScreeningScheduleConfiguration : IEntityTypeConfiguration<ScreeningSchedule>
{
    public void Configure(EntityTypeBuilder<ScreeningSchedule> e)
    {
        e.ToTable("ScreeningSchedule");
        e.Property(s => s.Id).ValueGeneratedNever();
        e.HasData(new ScreeningSchedule { Id = ScreeningSchedule.SingletonId });
    }
}
