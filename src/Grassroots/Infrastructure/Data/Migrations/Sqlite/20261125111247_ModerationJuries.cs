using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModerationJuries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HiddenAt",
                table: "projects",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "moderation_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Appealed = table.Column<bool>(type: "INTEGER", nullable: false),
                    AppealReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moderation_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jurors",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Vote = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VotedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jurors", x => new { x.CaseId, x.Round, x.MemberId });
                    table.ForeignKey(
                        name: "FK_jurors_moderation_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "moderation_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_jurors_MemberId",
                table: "jurors",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_ContentType_ContentId",
                table: "moderation_cases",
                columns: new[] { "ContentType", "ContentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_OpenedAt",
                table: "moderation_cases",
                column: "OpenedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jurors");

            migrationBuilder.DropTable(
                name: "moderation_cases");

            migrationBuilder.DropColumn(
                name: "HiddenAt",
                table: "projects");
        }
    }
}
