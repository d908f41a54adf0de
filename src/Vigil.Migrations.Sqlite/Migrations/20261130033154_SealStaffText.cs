using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SealStaffText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Clear staff text already stored is kept aside here and sealed by the application right after
            // migrating (LegacyClearText.SealAsync, which needs the key file); then this table is empty.
            // SQLite drops the clear columns natively (none is indexed or a key): EF's table rebuild would need
            // foreign keys off, which cannot happen inside the migration's transaction.
            migrationBuilder.Sql("CREATE TABLE \"LegacyClearText\" (\"TableName\" TEXT NOT NULL, \"ColumnName\" TEXT NOT NULL, \"RowId\" INTEGER NOT NULL, \"Value\" TEXT NOT NULL)");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ReportDecisions', 'Reason', \"Id\", \"Reason\" FROM \"ReportDecisions\" WHERE \"Reason\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'NotesVerbales', 'Summary', \"Id\", \"Summary\" FROM \"NotesVerbales\" WHERE \"Summary\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ImmunityWaivers', 'Justification', \"Id\", \"Justification\" FROM \"ImmunityWaivers\" WHERE \"Justification\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'Evidence', 'Description', \"Id\", \"Description\" FROM \"Evidence\" WHERE \"Description\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'Custody', 'Note', \"Id\", \"Note\" FROM \"Custody\" WHERE \"Note\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'ClosureRequests', 'Justification', \"Id\", \"Justification\" FROM \"ClosureRequests\" WHERE \"Justification\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'CaseSubjects', 'Description', \"Id\", \"Description\" FROM \"CaseSubjects\" WHERE \"Description\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'Cases', 'RoutingOverrideReason', \"Id\", \"RoutingOverrideReason\" FROM \"Cases\" WHERE \"RoutingOverrideReason\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'CaseEvents', 'Text', \"Id\", \"Text\" FROM \"CaseEvents\" WHERE \"Text\" IS NOT NULL");
            migrationBuilder.Sql("INSERT INTO \"LegacyClearText\" SELECT 'CaseActions', 'Note', \"Id\", \"Note\" FROM \"CaseActions\" WHERE \"Note\" IS NOT NULL");

            migrationBuilder.Sql("ALTER TABLE \"ReportDecisions\" DROP COLUMN \"Reason\"");

            migrationBuilder.Sql("ALTER TABLE \"NotesVerbales\" DROP COLUMN \"Summary\"");

            migrationBuilder.Sql("ALTER TABLE \"ImmunityWaivers\" DROP COLUMN \"Justification\"");

            migrationBuilder.Sql("ALTER TABLE \"Evidence\" DROP COLUMN \"Description\"");

            migrationBuilder.Sql("ALTER TABLE \"Custody\" DROP COLUMN \"Note\"");

            migrationBuilder.Sql("ALTER TABLE \"ClosureRequests\" DROP COLUMN \"Justification\"");

            migrationBuilder.Sql("ALTER TABLE \"CaseSubjects\" DROP COLUMN \"Description\"");

            migrationBuilder.Sql("ALTER TABLE \"Cases\" DROP COLUMN \"RoutingOverrideReason\"");

            migrationBuilder.Sql("ALTER TABLE \"CaseEvents\" DROP COLUMN \"Text\"");

            migrationBuilder.Sql("ALTER TABLE \"CaseActions\" DROP COLUMN \"Note\"");

            migrationBuilder.AddColumn<byte[]>(
                name: "ReasonSealed",
                table: "ReportDecisions",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "SummarySealed",
                table: "NotesVerbales",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "JustificationSealed",
                table: "ImmunityWaivers",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "DescriptionSealed",
                table: "Evidence",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "NoteSealed",
                table: "Custody",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "JustificationSealed",
                table: "ClosureRequests",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "DescriptionSealed",
                table: "CaseSubjects",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "RoutingOverrideReasonSealed",
                table: "Cases",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "TextSealed",
                table: "CaseEvents",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<byte[]>(
                name: "NoteSealed",
                table: "CaseActions",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Going back loses the sealed staff text: the clear columns come back empty.
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"LegacyClearText\"");

            migrationBuilder.DropColumn(
                name: "ReasonSealed",
                table: "ReportDecisions");

            migrationBuilder.DropColumn(
                name: "SummarySealed",
                table: "NotesVerbales");

            migrationBuilder.DropColumn(
                name: "JustificationSealed",
                table: "ImmunityWaivers");

            migrationBuilder.DropColumn(
                name: "DescriptionSealed",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "NoteSealed",
                table: "Custody");

            migrationBuilder.DropColumn(
                name: "JustificationSealed",
                table: "ClosureRequests");

            migrationBuilder.DropColumn(
                name: "DescriptionSealed",
                table: "CaseSubjects");

            migrationBuilder.DropColumn(
                name: "RoutingOverrideReasonSealed",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "TextSealed",
                table: "CaseEvents");

            migrationBuilder.DropColumn(
                name: "NoteSealed",
                table: "CaseActions");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "ReportDecisions",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "NotesVerbales",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Justification",
                table: "ImmunityWaivers",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Evidence",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Custody",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Justification",
                table: "ClosureRequests",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "CaseSubjects",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RoutingOverrideReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "CaseEvents",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "CaseActions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }
    }
}
