using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SealScreeningNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As SealBreakGlassText: clear decision notes go aside, sealed by the application right after migrating.
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ScreeningMatches', 'DecisionNote', \"Id\", \"DecisionNote\" FROM \"ScreeningMatches\" WHERE \"DecisionNote\" IS NOT NULL");

            // Dropped natively (neither indexed nor in a check constraint): no table rebuild.
            migrationBuilder.Sql("ALTER TABLE \"ScreeningMatches\" DROP COLUMN \"DecisionNote\"");

            migrationBuilder.AddColumn<byte[]>(
                name: "DecisionNoteSealed",
                table: "ScreeningMatches",
                type: "BLOB",
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
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }
    }
}
