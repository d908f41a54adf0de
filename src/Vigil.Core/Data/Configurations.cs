using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vigil.Core.Access;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;

namespace Vigil.Core.Data;

internal sealed class MissionConfiguration : IEntityTypeConfiguration<Mission>
{
    public void Configure(EntityTypeBuilder<Mission> e)
    {
        e.Property(m => m.Code).HaveMaxLengthAndRequired(20);
        e.HasIndex(m => m.Code).IsUnique();
        e.Property(m => m.Name).HaveMaxLengthAndRequired(200);
        e.Property(m => m.HostCountry).HaveMaxLengthAndRequired(3).IsFixedLength();
    }
}

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> e)
    {
        e.Property(s => s.Code).HaveMaxLengthAndRequired(40);
        e.HasIndex(s => s.Code).IsUnique();
        e.Property(s => s.Name).HaveMaxLengthAndRequired(200);
        e.HasIndex(s => new { s.MissionId, s.Name }).IsUnique();
        e.HasOne(s => s.Mission).WithMany(m => m.Sites).HasForeignKey(s => s.MissionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContingentConfiguration : IEntityTypeConfiguration<Contingent>
{
    public void Configure(EntityTypeBuilder<Contingent> e)
    {
        e.Property(c => c.Code).HaveMaxLengthAndRequired(60);
        e.HasIndex(c => c.Code).IsUnique();
        e.Property(c => c.ContributingCountry).HaveMaxLengthAndRequired(3).IsFixedLength();
        e.Property(c => c.UnitName).HaveMaxLengthAndRequired(200);
        e.HasIndex(c => c.ContributingCountry);
        e.HasOne(c => c.Site).WithMany(s => s.Contingents).HasForeignKey(c => c.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_Contingents_Strength", "\"Strength\" > 0"));
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("Personnel");
        e.Property(p => p.PersonNumber).HaveMaxLengthAndRequired(40);
        e.HasIndex(p => p.PersonNumber).IsUnique();
        e.Property(p => p.FullName).HaveMaxLengthAndRequired(300);
        e.Property(p => p.Nationality).HaveMaxLengthAndRequired(3).IsFixedLength();
        e.Property(p => p.Unit).HasMaxLength(200);
        e.HasIndex(p => new { p.MissionId, p.Nationality });
        e.HasIndex(p => p.Nationality);
        e.HasOne(p => p.Mission).WithMany().HasForeignKey(p => p.MissionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(p => p.Contingent).WithMany().HasForeignKey(p => p.ContingentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConductOfficerConfiguration : IEntityTypeConfiguration<ConductOfficer>
{
    public void Configure(EntityTypeBuilder<ConductOfficer> e)
    {
        e.Property(o => o.Code).HaveMaxLengthAndRequired(20);
        e.HasIndex(o => o.Code).IsUnique();
        e.Property(o => o.FullName).HaveMaxLengthAndRequired(300);
        e.Property(o => o.Nationality).HaveMaxLengthAndRequired(3).IsFixedLength();
        e.Property(o => o.Grade).HaveMaxLengthAndRequired(10);
        e.HasOne(o => o.Mission).WithMany().HasForeignKey(o => o.MissionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(o => o.Postings).WithOne(p => p.Officer).HasForeignKey(p => p.OfficerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostingConfiguration : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> e)
    {
        e.HasOne(p => p.Site).WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.SiteId, p.To });
        e.HasIndex(p => new { p.OfficerId, p.From }).IsUnique();
    }
}

internal sealed class UserScopeConfiguration : IEntityTypeConfiguration<UserScope>
{
    public void Configure(EntityTypeBuilder<UserScope> e)
    {
        e.Property(s => s.Value).HaveMaxLengthAndRequired(60);
        e.HasIndex(s => new { s.UserId, s.Kind, s.Value }).IsUnique();
        e.HasOne<VigilUser>().WithMany(u => u.Scopes).HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VigilUserConfiguration : IEntityTypeConfiguration<VigilUser>
{
    public void Configure(EntityTypeBuilder<VigilUser> e) => e.Property(u => u.DisplayName).HaveMaxLengthAndRequired(200);
}

internal static class PropertyBuilderExtensions
{
    public static PropertyBuilder<string> HaveMaxLengthAndRequired(this PropertyBuilder<string> property, int maxLength) =>
        property.HasMaxLength(maxLength).IsRequired();
}
