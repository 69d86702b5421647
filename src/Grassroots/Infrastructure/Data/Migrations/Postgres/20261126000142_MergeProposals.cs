using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MergeProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "project_merge_proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    IntoProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposerProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    AnsweredById = table.Column<Guid>(type: "uuid", nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_project_merge_proposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_project_merge_proposals_AspNetUsers_ProposedById",
                        column: x => x.ProposedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_project_merge_proposals_projects_FromProjectId",
                        column: x => x.FromProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_project_merge_proposals_projects_IntoProjectId",
                        column: x => x.IntoProjectId,
                        principalTable: "projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_project_merge_proposals_FromProjectId_Status",
                table: "project_merge_proposals",
                columns: new[] { "FromProjectId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_project_merge_proposals_IntoProjectId_Status",
                table: "project_merge_proposals",
                columns: new[] { "IntoProjectId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_project_merge_proposals_ProposedById",
                table: "project_merge_proposals",
                column: "ProposedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "project_merge_proposals");
        }
    }
}
