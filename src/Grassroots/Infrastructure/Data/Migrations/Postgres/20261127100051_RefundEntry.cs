using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RefundEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "EntryId",
                table: "gift_refunds",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Refunds booked before this column: their entry is the gift's refund entry written in the same transaction (same time).
            migrationBuilder.Sql("""
                UPDATE gift_refunds SET "EntryId" = (SELECT MAX(e."Id") FROM ledger_entries e
                    WHERE e."GiftId" = gift_refunds."GiftId" AND e."Kind" = 'refund' AND e."At" = gift_refunds."At")
                WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e."GiftId" = gift_refunds."GiftId" AND e."Kind" = 'refund' AND e."At" = gift_refunds."At")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_gift_refunds_EntryId",
                table: "gift_refunds",
                column: "EntryId");

            migrationBuilder.AddForeignKey(
                name: "FK_gift_refunds_ledger_entries_EntryId",
                table: "gift_refunds",
                column: "EntryId",
                principalTable: "ledger_entries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_gift_refunds_ledger_entries_EntryId",
                table: "gift_refunds");

            migrationBuilder.DropIndex(
                name: "IX_gift_refunds_EntryId",
                table: "gift_refunds");

            migrationBuilder.DropColumn(
                name: "EntryId",
                table: "gift_refunds");
        }
    }
}
