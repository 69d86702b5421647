using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Candidates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "filing_reminders",
                columns: table => new
                {
                    CandidacyId = table.Column<Guid>(type: "uuid", nullable: false),
                    WindowId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_reminders", x => new { x.CandidacyId, x.WindowId, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "filing_windows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Note = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filing_windows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "offices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    County = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Precinct = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_offices", x => x.Id);
                    table.CheckConstraint("CK_offices_seats", "\"Seats\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "residences",
                columns: table => new
                {
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    County = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    District = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Precinct = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_residences", x => x.MemberId);
                });

            migrationBuilder.CreateTable(
                name: "candidacies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficeId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    EmailHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NominatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    NominatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    StageAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Statement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MotionId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlatformVersionId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_candidacies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_candidacies_offices_OfficeId",
                        column: x => x.OfficeId,
                        principalTable: "offices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plank_answers",
                columns: table => new
                {
                    CandidacyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlankKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Pledge = table.Column<bool>(type: "boolean", nullable: false),
                    Why = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plank_answers", x => new { x.CandidacyId, x.PlankKey });
                    table.ForeignKey(
                        name: "FK_plank_answers_candidacies_CandidacyId",
                        column: x => x.CandidacyId,
                        principalTable: "candidacies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_MemberId",
                table: "candidacies",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_MotionId",
                table: "candidacies",
                column: "MotionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_NominatedById",
                table: "candidacies",
                column: "NominatedById");

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_OfficeId_EmailHash",
                table: "candidacies",
                columns: new[] { "OfficeId", "EmailHash" });

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_OfficeId_Stage",
                table: "candidacies",
                columns: new[] { "OfficeId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_Stage_StageAt",
                table: "candidacies",
                columns: new[] { "Stage", "StageAt" });

            migrationBuilder.CreateIndex(
                name: "IX_candidacies_TokenHash",
                table: "candidacies",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_filing_windows_OpensAt",
                table: "filing_windows",
                column: "OpensAt");

            migrationBuilder.CreateIndex(
                name: "IX_filing_windows_State_Kind_OpensAt",
                table: "filing_windows",
                columns: new[] { "State", "Kind", "OpensAt" });

            migrationBuilder.CreateIndex(
                name: "IX_offices_State_Kind_County_District_Precinct",
                table: "offices",
                columns: new[] { "State", "Kind", "County", "District", "Precinct" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_residences_State_County_Precinct",
                table: "residences",
                columns: new[] { "State", "County", "Precinct" });

            migrationBuilder.CreateIndex(
                name: "IX_residences_State_District",
                table: "residences",
                columns: new[] { "State", "District" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "filing_reminders");

            migrationBuilder.DropTable(
                name: "filing_windows");

            migrationBuilder.DropTable(
                name: "plank_answers");

            migrationBuilder.DropTable(
                name: "residences");

            migrationBuilder.DropTable(
                name: "candidacies");

            migrationBuilder.DropTable(
                name: "offices");
        }
    }
}
