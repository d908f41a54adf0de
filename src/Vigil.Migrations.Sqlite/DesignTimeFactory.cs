using Microsoft.EntityFrameworkCore.Design;
using Vigil.Core.Data;

namespace Vigil.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for this provider; never used at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VigilDbContext>
{
    public VigilDbContext CreateDbContext(string[] args) => new(StorageSettings.Sqlite(Path.Combine(Path.GetTempPath(), "vigil-design.db")).BuildOptions());
}
