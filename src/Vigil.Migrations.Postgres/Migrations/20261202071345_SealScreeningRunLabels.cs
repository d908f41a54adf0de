using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SealScreeningRunLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As SealScreeningNotes: clear labels (an upload's file name) go aside, sealed by the application right after migrating.
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ScreeningRuns', 'Label', \"Id\", \"Label\" FROM \"ScreeningRuns\" WHERE \"Label\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "Label",
                table: "ScreeningRuns");

            migrationBuilder.AddColumn<byte[]>(
                name: "LabelSealed",
                table: "ScreeningRuns",
                type: "bytea",
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
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }
    }
}
