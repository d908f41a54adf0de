using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Vigil.Core.Access;
using Vigil.Core.Personnel;
using Vigil.Core.Presence;
using Vigil.Core.Reference;

namespace Vigil.Core.Data;

/// <summary>
/// The one EF Core model, shared by SQLite and PostgreSQL; each provider has its own migrations
/// assembly. Data-protection keys live here too so that several hosts can share one PostgreSQL.
/// </summary>
public sealed class VigilDbContext(DbContextOptions<VigilDbContext> options)
    : IdentityDbContext<VigilUser>(options), IDataProtectionKeyContext
{
    public DbSet<Mission> Missions => Set<Mission>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Contingent> Contingents => Set<Contingent>();
    public DbSet<Person> Personnel => Set<Person>();
    public DbSet<ConductOfficer> ConductOfficers => Set<ConductOfficer>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<UserScope> UserScopes => Set<UserScope>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their names: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<PartialDate>().HaveConversion<PartialDateConverter>().HaveMaxLength(10);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VigilDbContext).Assembly);
    }

    private sealed class PartialDateConverter() : ValueConverter<PartialDate, string>(
        date => date.ToString(),
        text => PartialDate.Parse(text));
}
