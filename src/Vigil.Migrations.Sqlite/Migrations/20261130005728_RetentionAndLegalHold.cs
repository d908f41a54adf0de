using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RetentionAndLegalHold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    ReportId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SetByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReleaseReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                    table.CheckConstraint("CK_LegalHolds_OneRecord", "(\"CaseId\" IS NULL) <> (\"ReportId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_LegalHolds_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LegalHolds_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReportsAnonymised = table.Column<int>(type: "INTEGER", nullable: false),
                    MessagesDeleted = table.Column<int>(type: "INTEGER", nullable: false),
                    CasesAnonymised = table.Column<int>(type: "INTEGER", nullable: false),
                    EvidenceFilesDeleted = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldSkipped = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionMarks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordId = table.Column<int>(type: "INTEGER", nullable: false),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionMarks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionMarks_RetentionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RetentionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_CaseId_ReleasedAt",
                table: "LegalHolds",
                columns: new[] { "CaseId", "ReleasedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_ReportId_ReleasedAt",
                table: "LegalHolds",
                columns: new[] { "ReportId", "ReleasedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionMarks_Kind_RecordId",
                table: "RetentionMarks",
                columns: new[] { "Kind", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionMarks_RunId",
                table: "RetentionMarks",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "RetentionMarks");

            migrationBuilder.DropTable(
                name: "RetentionRuns");
        }
    }
}
