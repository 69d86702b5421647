using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rule = table.Column<int>(type: "integer", nullable: false),
                    PoolCents = table.Column<long>(type: "bigint", nullable: false),
                    ReserveCents = table.Column<long>(type: "bigint", nullable: false),
                    AllocatedCents = table.Column<long>(type: "bigint", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false),
                    ById = table.Column<Guid>(type: "uuid", nullable: true),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EntryId = table.Column<long>(type: "bigint", nullable: false)
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
