using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SiteId = table.Column<int>(type: "integer", nullable: false),
                    FullName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Nationality = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MissionId = table.Column<int>(type: "integer", nullable: false),
                    BasedOnRunId = table.Column<int>(type: "integer", nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HorizonStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Periods = table.Column<int>(type: "integer", nullable: false),
                    PeriodMonths = table.Column<int>(type: "integer", nullable: false),
                    TimeLimitSeconds = table.Column<int>(type: "integer", nullable: false),
                    PinnedPostings = table.Column<int>(type: "integer", nullable: false),
                    ProblemJson = table.Column<string>(type: "text", nullable: false),
                    PlanJson = table.Column<string>(type: "text", nullable: true),
                    PlanStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Objective = table.Column<long>(type: "bigint", nullable: true),
                    Bound = table.Column<long>(type: "bigint", nullable: true),
                    ChangedPostings = table.Column<int>(type: "integer", nullable: true),
                    UncoveredOfficerPeriods = table.Column<int>(type: "integer", nullable: true),
                    Failure = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OfficialId = table.Column<int>(type: "integer", nullable: false),
                    EvaluatorId = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    OffLimitsEnforced = table.Column<bool>(type: "boolean", nullable: false),
                    CurfewEnforced = table.Column<bool>(type: "boolean", nullable: false),
                    TrainingCoveragePercent = table.Column<int>(type: "integer", nullable: false),
                    WelfareAdequate = table.Column<bool>(type: "boolean", nullable: false),
                    CommunityComplaints = table.Column<int>(type: "integer", nullable: false),
                    FindingsSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecommendationsSealed = table.Column<byte[]>(type: "bytea", nullable: false),
                    Rating = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
