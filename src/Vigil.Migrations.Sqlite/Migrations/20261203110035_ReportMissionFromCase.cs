using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportMissionFromCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A report that named no mission, triaged into a case before triage set it: it joins its case's mission,
            // so that the team owning the case can read it.
            migrationBuilder.Sql("""
                UPDATE "Reports" SET "MissionId" = (SELECT c."MissionId" FROM "Cases" c WHERE c."Id" = "Reports"."CaseId")
                WHERE "MissionId" IS NULL AND "CaseId" IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
