using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FlagCountsConfirmedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Counts",
                table: "flags",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // flags already stored keep counting, as they did

            migrationBuilder.AddColumn<long>(
                name: "ConfirmedAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Counts",
                table: "flags");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "AspNetUsers");
        }
    }
}
