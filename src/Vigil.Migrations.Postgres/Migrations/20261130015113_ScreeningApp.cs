using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScreeningApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScreeningRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    MissionId = table.Column<int>(type: "integer", nullable: true),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    People = table.Column<int>(type: "integer", nullable: false),
                    Records = table.Column<int>(type: "integer", nullable: false),
                    Candidates = table.Column<int>(type: "integer", nullable: false),
                    Raised = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningSchedule",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RegistryChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastRunAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningSchedule", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningMatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    SubjectKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: true),
                    MissionId = table.Column<int>(type: "integer", nullable: true),
                    SubjectName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SubjectAliases = table.Column<List<string>>(type: "text[]", nullable: false),
                    SubjectDateOfBirth = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    SubjectNationality = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: true),
                    SubjectIdNumbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    SubjectCategory = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SubjectUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubjectFingerprint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RegistryRecordId = table.Column<int>(type: "integer", nullable: false),
                    RecordFingerprint = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningMatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningMatches_Personnel_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Personnel",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScreeningMatches_Registry_RegistryRecordId",
                        column: x => x.RegistryRecordId,
                        principalTable: "Registry",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScreeningMatches_ScreeningRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "ScreeningRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ScreeningSchedule",
                columns: new[] { "Id", "LastRunAt", "LeaseUntil", "RegistryChangedAt" },
                values: new object[] { 1, null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningMatches_PersonId",
                table: "ScreeningMatches",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningMatches_RegistryRecordId",
                table: "ScreeningMatches",
                column: "RegistryRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningMatches_RunId",
                table: "ScreeningMatches",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningMatches_Status_MissionId",
                table: "ScreeningMatches",
                columns: new[] { "Status", "MissionId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningMatches_SubjectKey_RegistryRecordId_SubjectFingerp~",
                table: "ScreeningMatches",
                columns: new[] { "SubjectKey", "RegistryRecordId", "SubjectFingerprint", "RecordFingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningRuns_StartedAt",
                table: "ScreeningRuns",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScreeningMatches");

            migrationBuilder.DropTable(
                name: "ScreeningSchedule");

            migrationBuilder.DropTable(
                name: "ScreeningRuns");
        }
    }
}
