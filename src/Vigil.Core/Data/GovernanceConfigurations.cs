using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Cases;
using Vigil.Core.Governance;
using Vigil.Core.Reference;

namespace Vigil.Core.Data;

internal sealed class BreakGlassRequestConfiguration : IEntityTypeConfiguration<BreakGlassRequest>
{
    public void Configure(EntityTypeBuilder<BreakGlassRequest> e)
    {
        // Two decisions at once: the second finds the status changed and fails (409), instead of both "succeeding".
        e.Property(r => r.Status).IsConcurrencyToken();
        e.Property(r => r.RequesterUserId).HasMaxLength(450);
        e.Property(r => r.MissionCode).HasMaxLength(20);
        e.Property(r => r.CaseReference).HasMaxLength(40);
        e.Property(r => r.DecidedByUserId).HasMaxLength(450);
        e.Property(r => r.ReviewedByUserId).HasMaxLength(450);
        // Read on every signed-in request: the caller's active grants.
        e.HasIndex(r => new { r.RequesterUserId, r.Status, r.ExpiresAt });
        e.HasIndex(r => new { r.MissionCode, r.Status });
        e.HasIndex(r => r.Review);
        e.HasOne<Mission>().WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BreakGlassUseConfiguration : IEntityTypeConfiguration<BreakGlassUse>
{
    public void Configure(EntityTypeBuilder<BreakGlassUse> e)
    {
        e.Property(u => u.What).HasMaxLength(200);
        e.HasIndex(u => u.RequestId);
        e.HasOne<BreakGlassRequest>().WithMany().HasForeignKey(u => u.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
