using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RsvpCultureAndRepeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CancelTokenHash",
                table: "rsvps");

            migrationBuilder.AddColumn<long>(
                name: "AgainMailedAt",
                table: "rsvps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Culture",
                table: "rsvps",
                type: "TEXT",
                maxLength: 10,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgainMailedAt",
                table: "rsvps");

            migrationBuilder.DropColumn(
                name: "Culture",
                table: "rsvps");

            migrationBuilder.AddColumn<string>(
                name: "CancelTokenHash",
                table: "rsvps",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }
    }
}
