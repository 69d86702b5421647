using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Delegates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AllocatedAt",
                table: "assemblies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DelegateSeats",
                table: "assemblies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MinimumMembers",
                table: "assemblies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "delegate_allocations",
                columns: table => new
                {
                    AssemblyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegate_allocations", x => new { x.AssemblyId, x.GroupId });
                });

            migrationBuilder.CreateTable(
                name: "delegate_nominations",
                columns: table => new
                {
                    AssemblyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    NamedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    NamedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcceptedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegate_nominations", x => new { x.AssemblyId, x.MemberId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_delegate_allocations_AssemblyId_Seats",
                table: "delegate_allocations",
                columns: new[] { "AssemblyId", "Seats" });

            migrationBuilder.CreateIndex(
                name: "IX_delegate_nominations_AssemblyId_GroupId_Slot",
                table: "delegate_nominations",
                columns: new[] { "AssemblyId", "GroupId", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_delegate_nominations_MemberId",
                table: "delegate_nominations",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegate_allocations");

            migrationBuilder.DropTable(
                name: "delegate_nominations");

            migrationBuilder.DropColumn(
                name: "AllocatedAt",
                table: "assemblies");

            migrationBuilder.DropColumn(
                name: "DelegateSeats",
                table: "assemblies");

            migrationBuilder.DropColumn(
                name: "MinimumMembers",
                table: "assemblies");
        }
    }
}
