using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PresenceApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Officials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Nationality = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 3, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Officials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Officials_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RotationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MissionId = table.Column<int>(type: "INTEGER", nullable: false),
                    BasedOnRunId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HorizonStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Periods = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    PinnedPostings = table.Column<int>(type: "INTEGER", nullable: false),
                    ProblemJson = table.Column<string>(type: "TEXT", nullable: false),
                    PlanJson = table.Column<string>(type: "TEXT", nullable: true),
                    PlanStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Objective = table.Column<long>(type: "INTEGER", nullable: true),
                    Bound = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangedPostings = table.Column<int>(type: "INTEGER", nullable: true),
                    UncoveredOfficerPeriods = table.Column<int>(type: "INTEGER", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RotationRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RotationRuns_Missions_MissionId",
                        column: x => x.MissionId,
                        principalTable: "Missions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OfficialEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OfficialId = table.Column<int>(type: "INTEGER", nullable: false),
                    EvaluatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OffLimitsEnforced = table.Column<bool>(type: "INTEGER", nullable: false),
                    CurfewEnforced = table.Column<bool>(type: "INTEGER", nullable: false),
                    TrainingCoveragePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    WelfareAdequate = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommunityComplaints = table.Column<int>(type: "INTEGER", nullable: false),
                    FindingsSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RecommendationsSealed = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Rating = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficialEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OfficialEvaluations_ConductOfficers_EvaluatorId",
                        column: x => x.EvaluatorId,
                        principalTable: "ConductOfficers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OfficialEvaluations_Officials_OfficialId",
                        column: x => x.OfficialId,
                        principalTable: "Officials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfficialEvaluations_EvaluatorId",
                table: "OfficialEvaluations",
                column: "EvaluatorId");

            migrationBuilder.CreateIndex(
                name: "IX_OfficialEvaluations_OfficialId_PeriodStart",
                table: "OfficialEvaluations",
                columns: new[] { "OfficialId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Officials_SiteId",
                table: "Officials",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_RotationRuns_MissionId_CreatedAt",
                table: "RotationRuns",
                columns: new[] { "MissionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RotationRuns_State",
                table: "RotationRuns",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OfficialEvaluations");

            migrationBuilder.DropTable(
                name: "RotationRuns");

            migrationBuilder.DropTable(
                name: "Officials");
        }
    }
}
