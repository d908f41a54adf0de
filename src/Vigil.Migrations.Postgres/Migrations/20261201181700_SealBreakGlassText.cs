using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SealBreakGlassText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As SealStaffText and SealHoldReasons: clear break-glass text goes aside, sealed by the application right after migrating.
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'BreakGlassRequests', 'Justification', \"Id\", \"Justification\" FROM \"BreakGlassRequests\"");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'BreakGlassRequests', 'DecisionNote', \"Id\", \"DecisionNote\" FROM \"BreakGlassRequests\" WHERE \"DecisionNote\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'BreakGlassRequests', 'ReviewNote', \"Id\", \"ReviewNote\" FROM \"BreakGlassRequests\" WHERE \"ReviewNote\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "BreakGlassRequests");

            migrationBuilder.DropColumn(
                name: "Justification",
                table: "BreakGlassRequests");

            migrationBuilder.DropColumn(
                name: "ReviewNote",
                table: "BreakGlassRequests");

            migrationBuilder.AddColumn<byte[]>(
                name: "DecisionNoteSealed",
                table: "BreakGlassRequests",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "JustificationSealed",
                table: "BreakGlassRequests",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "ReviewNoteSealed",
                table: "BreakGlassRequests",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecisionNoteSealed",
                table: "BreakGlassRequests");

            migrationBuilder.DropColumn(
                name: "JustificationSealed",
                table: "BreakGlassRequests");

            migrationBuilder.DropColumn(
                name: "ReviewNoteSealed",
                table: "BreakGlassRequests");

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "BreakGlassRequests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Justification",
                table: "BreakGlassRequests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReviewNote",
                table: "BreakGlassRequests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }
    }
}
