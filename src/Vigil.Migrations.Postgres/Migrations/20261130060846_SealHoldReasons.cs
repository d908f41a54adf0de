using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SealHoldReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As SealStaffText: clear hold reasons go aside, sealed by the application right after migrating.
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'LegalHolds', 'Reason', \"Id\", \"Reason\" FROM \"LegalHolds\"");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'LegalHolds', 'ReleaseReason', \"Id\", \"ReleaseReason\" FROM \"LegalHolds\" WHERE \"ReleaseReason\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "LegalHolds");

            migrationBuilder.DropColumn(
                name: "ReleaseReason",
                table: "LegalHolds");

            migrationBuilder.AddColumn<byte[]>(
                name: "ReasonSealed",
                table: "LegalHolds",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "ReleaseReasonSealed",
                table: "LegalHolds",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReasonSealed",
                table: "LegalHolds");

            migrationBuilder.DropColumn(
                name: "ReleaseReasonSealed",
                table: "LegalHolds");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "LegalHolds",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReleaseReason",
                table: "LegalHolds",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }
    }
}
