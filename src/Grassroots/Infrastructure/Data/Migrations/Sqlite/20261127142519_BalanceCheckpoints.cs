using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BalanceCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ledger_lines_Account_Side",
                table: "ledger_lines");

            migrationBuilder.CreateTable(
                name: "balance_checkpoints",
                columns: table => new
                {
                    Account = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    UpTo = table.Column<long>(type: "INTEGER", nullable: false),
                    Debits = table.Column<long>(type: "INTEGER", nullable: false),
                    Credits = table.Column<long>(type: "INTEGER", nullable: false),
                    Seen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_balance_checkpoints", x => x.Account);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_lines_Account_Id",
                table: "ledger_lines",
                columns: new[] { "Account", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "balance_checkpoints");

            migrationBuilder.DropIndex(
                name: "IX_ledger_lines_Account_Id",
                table: "ledger_lines");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_lines_Account_Side",
                table: "ledger_lines",
                columns: new[] { "Account", "Side" });
        }
    }
}
