using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegistryWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registry_PersonId_CaseReference_Finding",
                table: "Registry");

            migrationBuilder.AddColumn<bool>(
                name: "PersonNumberDisagrees",
                table: "ScreeningMatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<byte[]>(
                name: "WithdrawalReasonSealed",
                table: "Registry",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WithdrawnAt",
                table: "Registry",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnByUserId",
                table: "Registry",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            // One standing record per person and case (RegistryFeed): where a case fed two (a substantiated finding, then a
            // ban), the weaker is withdrawn (kept for the audit trail) as of when the stronger was recorded, and its open
            // candidates leave the queue. The reason stays empty: a migration cannot seal one (the view says "merged").
            migrationBuilder.Sql("""
                UPDATE "Registry" SET "WithdrawnAt" = (
                    SELECT s."RecordedAt" FROM "Registry" AS s
                    WHERE s."PersonId" = "Registry"."PersonId" AND s."CaseReference" = "Registry"."CaseReference" AND s."Id" <> "Registry"."Id"
                    ORDER BY CASE s."Finding" WHEN 'Barred' THEN 3 WHEN 'Substantiated' THEN 2 ELSE 1 END DESC, s."Id" DESC
                    LIMIT 1)
                WHERE "PersonId" IS NOT NULL AND "WithdrawnAt" IS NULL AND EXISTS (
                    SELECT 1 FROM "Registry" AS s
                    WHERE s."PersonId" = "Registry"."PersonId" AND s."CaseReference" = "Registry"."CaseReference" AND s."Id" <> "Registry"."Id"
                    AND (CASE s."Finding" WHEN 'Barred' THEN 3 WHEN 'Substantiated' THEN 2 ELSE 1 END
                            > CASE "Registry"."Finding" WHEN 'Barred' THEN 3 WHEN 'Substantiated' THEN 2 ELSE 1 END
                        OR (s."Finding" = "Registry"."Finding" AND s."Id" > "Registry"."Id")))
                """);
            migrationBuilder.Sql("""
                UPDATE "ScreeningMatches" SET "Status" = 'Withdrawn'
                WHERE "Status" = 'Open' AND "RegistryRecordId" IN (SELECT "Id" FROM "Registry" WHERE "WithdrawnAt" IS NOT NULL)
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Registry_PersonId_CaseReference",
                table: "Registry",
                columns: new[] { "PersonId", "CaseReference" },
                unique: true,
                filter: "\"PersonId\" IS NOT NULL AND \"WithdrawnAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registry_PersonId_CaseReference",
                table: "Registry");

            migrationBuilder.DropColumn(
                name: "PersonNumberDisagrees",
                table: "ScreeningMatches");

            migrationBuilder.DropColumn(
                name: "WithdrawalReasonSealed",
                table: "Registry");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Registry");

            migrationBuilder.DropColumn(
                name: "WithdrawnByUserId",
                table: "Registry");

            migrationBuilder.CreateIndex(
                name: "IX_Registry_PersonId_CaseReference_Finding",
                table: "Registry",
                columns: new[] { "PersonId", "CaseReference", "Finding" },
                unique: true);
        }
    }
}
