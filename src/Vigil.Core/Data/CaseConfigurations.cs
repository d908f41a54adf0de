using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Cases;

namespace Vigil.Core.Data;

internal sealed class CaseSubjectConfiguration : IEntityTypeConfiguration<CaseSubject>
{
    public void Configure(EntityTypeBuilder<CaseSubject> e)
    {
        e.Property(s => s.Nationality).HasMaxLength(3).IsFixedLength();
        e.Property(s => s.Unit).HasMaxLength(200);
        e.HasIndex(s => s.CaseId);
        e.HasIndex(s => new { s.Nationality, s.Category });
        e.HasOne<Case>().WithMany(c => c.Subjects).HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Findings).WithOne().HasForeignKey(f => f.SubjectId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Actions).WithOne().HasForeignKey(a => a.SubjectId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Waivers).WithOne().HasForeignKey(w => w.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseVictimConfiguration : IEntityTypeConfiguration<CaseVictim>
{
    public void Configure(EntityTypeBuilder<CaseVictim> e)
    {
        e.HasIndex(v => v.CaseId);
        e.HasOne<Case>().WithMany(c => c.Victims).HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_CaseVictims_Count", "\"Count\" > 0"));
    }
}

internal sealed class FindingConfiguration : IEntityTypeConfiguration<Finding>
{
    public void Configure(EntityTypeBuilder<Finding> e)
    {
        // Two approvals of one change at once: the second fails (409).
        e.Property(f => f.ApprovedByUserId).IsConcurrencyToken();
        e.Property(f => f.RecordedByUserId).HasMaxLength(450);
        e.Property(f => f.ApprovedByUserId).HasMaxLength(450);
        e.HasIndex(f => new { f.SubjectId, f.Current });
    }
}

internal sealed class CaseActionConfiguration : IEntityTypeConfiguration<CaseAction>
{
    public void Configure(EntityTypeBuilder<CaseAction> e)
    {
        e.Property(a => a.RecordedByUserId).HasMaxLength(450);
        e.HasIndex(a => a.SubjectId);
        e.Ignore(a => a.IsInterim);
    }
}

internal sealed class ImmunityWaiverConfiguration : IEntityTypeConfiguration<ImmunityWaiver>
{
    public void Configure(EntityTypeBuilder<ImmunityWaiver> e)
    {
        e.Property(w => w.RequestedByUserId).HasMaxLength(450);
        e.Property(w => w.DecidedBy).HasMaxLength(200);
    }
}

internal sealed class NoteVerbaleConfiguration : IEntityTypeConfiguration<NoteVerbale>
{
    public void Configure(EntityTypeBuilder<NoteVerbale> e)
    {
        e.ToTable("NotesVerbales");
        e.Property(n => n.Country).HasMaxLength(3).IsFixedLength();
        e.Property(n => n.Reference).HasMaxLength(100);
        e.Property(n => n.RecordedByUserId).HasMaxLength(450);
        e.HasIndex(n => new { n.CaseId, n.Date });
        e.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseDeadlineConfiguration : IEntityTypeConfiguration<CaseDeadline>
{
    public void Configure(EntityTypeBuilder<CaseDeadline> e)
    {
        e.Property(d => d.Country).HasMaxLength(3).IsFixedLength();
        // The overdue dashboard and the deadline service read open deadlines by due date.
        e.HasIndex(d => new { d.MetOn, d.DueOn });
        // A case's next open deadline, and whether it is overdue, in one index seek.
        e.HasIndex(d => new { d.CaseId, d.MetOn, d.DueOn });
        e.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClosureRequestConfiguration : IEntityTypeConfiguration<ClosureRequest>
{
    public void Configure(EntityTypeBuilder<ClosureRequest> e)
    {
        // Two decisions on one closure request at once: the second fails (409).
        e.Property(r => r.Approved).IsConcurrencyToken();
        e.Property(r => r.RequestedByUserId).HasMaxLength(450);
        e.Property(r => r.DecidedByUserId).HasMaxLength(450);
        e.HasIndex(r => new { r.CaseId, r.Approved });
        e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> e)
    {
        e.Property(v => v.UserId).HasMaxLength(450);
        e.HasIndex(v => new { v.CaseId, v.At });
        e.HasOne<Case>().WithMany(c => c.Events).HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseAssignmentConfiguration : IEntityTypeConfiguration<CaseAssignment>
{
    public void Configure(EntityTypeBuilder<CaseAssignment> e)
    {
        e.Property(a => a.UserId).HasMaxLength(450);
        e.Property(a => a.Role).HasMaxLength(40);
        e.HasIndex(a => new { a.UserId, a.CaseId }).IsUnique();
        e.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(n => n.UserId).HasMaxLength(450);
        e.Property(n => n.Role).HasMaxLength(40);
        e.Property(n => n.Text).HasMaxLength(1000);
        e.Property(n => n.Message).HasMaxLength(4000);
        e.Ignore(n => n.Notice);
        e.HasIndex(n => new { n.MissionId, n.Role, n.ReadAt });
        e.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> e)
    {
        e.ToTable("Evidence");
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength();
        e.Property(x => x.UploadedByUserId).HasMaxLength(450);
        e.HasIndex(x => x.CaseId);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Custody).WithOne().HasForeignKey(c => c.EvidenceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<EvidenceBlob>().WithOne().HasForeignKey<EvidenceBlob>(b => b.EvidenceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustodyEntryConfiguration : IEntityTypeConfiguration<CustodyEntry>
{
    public void Configure(EntityTypeBuilder<CustodyEntry> e)
    {
        e.ToTable("Custody");
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasIndex(x => new { x.EvidenceId, x.At });
    }
}

internal sealed class AssistanceReferralConfiguration : IEntityTypeConfiguration<AssistanceReferral>
{
    public void Configure(EntityTypeBuilder<AssistanceReferral> e)
    {
        e.Property(x => x.Provider).HasMaxLength(200);
        e.Property(x => x.RecordedByUserId).HasMaxLength(450);
        e.HasIndex(x => x.CaseId);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaseVictim>().WithMany().HasForeignKey(x => x.VictimId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegistryRecordConfiguration : IEntityTypeConfiguration<Screening.RegistryRecord>
{
    public void Configure(EntityTypeBuilder<Screening.RegistryRecord> e)
    {
        e.ToTable("Registry");
        e.Property(r => r.RecordId).HaveMaxLengthAndRequired(40);
        e.HasIndex(r => r.RecordId).IsUnique();
        // Unique without regard to case (RegistryRecord.RecordKey); EF writes the field the setter of RecordId fills.
        e.Property(r => r.RecordKey).HaveMaxLengthAndRequired(40);
        e.HasIndex(r => r.RecordKey).IsUnique();
        e.Property(r => r.FullName).HaveMaxLengthAndRequired(300);
        e.Property(r => r.Nationality).HasMaxLength(3).IsFixedLength();
        e.Property(r => r.CaseReference).HasMaxLength(40);
        e.Property(r => r.WithdrawnByUserId).HasMaxLength(450);
        // One standing record per person and case, with the strongest finding (RegistryFeed): feeding twice changes
        // nothing, a stronger finding updates it in place. Withdrawn records stay beside it for the audit trail.
        e.HasIndex(r => new { r.PersonId, r.CaseReference }).IsUnique().HasFilter("\"PersonId\" IS NOT NULL AND \"WithdrawnAt\" IS NULL");
    }
}
