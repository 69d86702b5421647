using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Allocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "allocation_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Rule = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ReserveCents = table.Column<long>(type: "INTEGER", nullable: false),
                    AllocatedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false),
                    ById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_allocation_runs", x => x.Id);
                    table.CheckConstraint("CK_allocation_runs_cents", "\"AllocatedCents\" > 0 AND \"AllocatedCents\" <= \"PoolCents\"");
                });

            migrationBuilder.CreateIndex(
                name: "IX_allocation_runs_Key",
                table: "allocation_runs",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_allocation_runs_Number",
                table: "allocation_runs",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "allocation_runs");
        }
    }
}
