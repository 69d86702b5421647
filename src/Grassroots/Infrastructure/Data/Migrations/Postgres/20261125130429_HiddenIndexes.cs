using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HiddenIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_projects_HiddenAt",
                table: "projects",
                column: "HiddenAt");

            migrationBuilder.CreateIndex(
                name: "IX_groups_HiddenAt",
                table: "groups",
                column: "HiddenAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_projects_HiddenAt",
                table: "projects");

            migrationBuilder.DropIndex(
                name: "IX_groups_HiddenAt",
                table: "groups");
        }
    }
}
