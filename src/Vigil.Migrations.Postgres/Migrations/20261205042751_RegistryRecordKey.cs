using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistryRecordKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordKey",
                table: "Registry",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // The key of every record on file (RegistryRecord.KeyOf: ids are ASCII, where upper() and ToUpperInvariant agree).
            // Two records whose ids differ only in case stop the migration at the unique index: decide which one stands first.
            migrationBuilder.Sql("UPDATE \"Registry\" SET \"RecordKey\" = upper(\"RecordId\");");

            migrationBuilder.CreateIndex(
                name: "IX_Registry_RecordKey",
                table: "Registry",
                column: "RecordKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registry_RecordKey",
                table: "Registry");

            migrationBuilder.DropColumn(
                name: "RecordKey",
                table: "Registry");
        }
    }
}
