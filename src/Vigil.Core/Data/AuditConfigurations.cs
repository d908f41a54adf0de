using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Audit;

namespace Vigil.Core.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditEntries");
        // The application numbers entries itself, under the append lock: no identity column to skip values.
        e.HasKey(a => a.Sequence);
        e.Property(a => a.Sequence).ValueGeneratedNever();
        e.Property(a => a.Actor).HaveMaxLengthAndRequired(450);
        e.Property(a => a.Action).HaveMaxLengthAndRequired(40);
        e.Property(a => a.RecordType).HaveMaxLengthAndRequired(100);
        e.Property(a => a.RecordId).HasMaxLength(200);
        e.Property(a => a.Reason).HasMaxLength(2000);
        e.Property(a => a.Detail).HasMaxLength(2000);
        e.Property(a => a.PreviousHash).HasMaxLength(AuditEntry.HashSize).IsRequired();
        e.Property(a => a.Hash).HasMaxLength(AuditEntry.HashSize).IsRequired();
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.RecordType, a.RecordId });
        e.HasIndex(a => a.Actor);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> e)
    {
        e.ToTable("AuditHead");
        e.Property(h => h.Id).ValueGeneratedNever();
        e.Property(h => h.HeadHash).HasMaxLength(AuditEntry.HashSize).IsRequired();
        e.Property(h => h.Mac).HasMaxLength(32).IsRequired();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> e)
    {
        e.ToTable("AuditCheckpoints");
        e.Property(c => c.HeadHash).HasMaxLength(AuditEntry.HashSize).IsRequired();
        e.Property(c => c.KeyId).HaveMaxLengthAndRequired(16);
        e.Property(c => c.Signature).HasMaxLength(64).IsRequired();
        e.HasIndex(c => c.LastSequence);
    }
}
