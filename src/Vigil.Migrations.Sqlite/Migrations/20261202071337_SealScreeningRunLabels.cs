using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SealScreeningRunLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As SealScreeningNotes: clear labels (an upload's file name) go aside, sealed by the application right after migrating.
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ScreeningRuns', 'Label', \"Id\", \"Label\" FROM \"ScreeningRuns\" WHERE \"Label\" IS NOT NULL");

            // Dropped natively (neither indexed nor in a check constraint): no table rebuild.
            migrationBuilder.Sql("ALTER TABLE \"ScreeningRuns\" DROP COLUMN \"Label\"");

            migrationBuilder.AddColumn<byte[]>(
                name: "LabelSealed",
                table: "ScreeningRuns",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LabelSealed",
                table: "ScreeningRuns");

            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "ScreeningRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }
    }
}
