using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SealScreeningNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As SealBreakGlassText: clear decision notes go aside, sealed by the application right after migrating.
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ScreeningMatches', 'DecisionNote', \"Id\", \"DecisionNote\" FROM \"ScreeningMatches\" WHERE \"DecisionNote\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "ScreeningMatches");

            migrationBuilder.AddColumn<byte[]>(
                name: "DecisionNoteSealed",
                table: "ScreeningMatches",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DecisionNoteSealed",
                table: "ScreeningMatches");

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "ScreeningMatches",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }
    }
}
