using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Presence;

namespace Vigil.Core.Data;

internal sealed class OfficerLeaveConfiguration : IEntityTypeConfiguration<OfficerLeave>
{
    public void Configure(EntityTypeBuilder<OfficerLeave> e)
    {
        e.ToTable("OfficerLeave");
        e.HasOne(l => l.Officer).WithMany().HasForeignKey(l => l.OfficerId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => new { l.OfficerId, l.From });
        e.Property(l => l.RecordedByUserId).HaveMaxLengthAndRequired(450);
    }
}
