using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Fund : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "donor_totals",
                columns: table => new
                {
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_donor_totals", x => new { x.DonorId, x.Account, x.Period });
                    table.CheckConstraint("CK_donor_totals_cents", "\"Cents\" >= 0");
                });

            migrationBuilder.CreateTable(
                name: "gift_refunds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GiftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcessorRefundId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_refunds", x => x.Id);
                    table.CheckConstraint("CK_gift_refunds_cents", "\"Cents\" > 0");
                });

            migrationBuilder.CreateTable(
                name: "gifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    CardLast4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RefundedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SettledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Election = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DonorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Street = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Zip = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Employer = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Occupation = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gifts", x => x.Id);
                    table.CheckConstraint("CK_gifts_cents", "\"Cents\" > 0");
                    table.CheckConstraint("CK_gifts_refunded", "\"RefundedCents\" >= 0 AND \"RefundedCents\" <= \"Cents\"");
                    table.ForeignKey(
                        name: "FK_gifts_AspNetUsers_DonorId",
                        column: x => x.DonorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GiftId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Reverses = table.Column<long>(type: "INTEGER", nullable: true),
                    Memo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "test_processor_charges",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    RefundedCents = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_test_processor_charges", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "gift_splits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GiftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_gift_splits", x => x.Id);
                    table.CheckConstraint("CK_gift_splits_cents", "\"Cents\" > 0");
                    table.CheckConstraint("CK_gift_splits_refunded", "\"RefundedCents\" >= 0 AND \"RefundedCents\" <= \"Cents\"");
                    table.ForeignKey(
                        name: "FK_gift_splits_gifts_GiftId",
                        column: x => x.GiftId,
                        principalTable: "gifts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Side = table.Column<int>(type: "INTEGER", nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_lines", x => x.Id);
                    table.CheckConstraint("CK_ledger_lines_positive", "\"Cents\" > 0");
                    table.ForeignKey(
                        name: "FK_ledger_lines_ledger_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ledger_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gift_refunds_GiftId_IdempotencyKey",
                table: "gift_refunds",
                columns: new[] { "GiftId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gift_splits_Account_GiftId",
                table: "gift_splits",
                columns: new[] { "Account", "GiftId" });

            migrationBuilder.CreateIndex(
                name: "IX_gift_splits_GiftId_Account",
                table: "gift_splits",
                columns: new[] { "GiftId", "Account" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gifts_CreatedAt",
                table: "gifts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_gifts_DonorId_IdempotencyKey",
                table: "gifts",
                columns: new[] { "DonorId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_gifts_Status_CreatedAt",
                table: "gifts",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_GiftId",
                table: "ledger_entries",
                column: "GiftId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Reverses",
                table: "ledger_entries",
                column: "Reverses",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_RunId",
                table: "ledger_entries",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_lines_Account_Side",
                table: "ledger_lines",
                columns: new[] { "Account", "Side" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_lines_EntryId",
                table: "ledger_lines",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_test_processor_charges_ChargeId",
                table: "test_processor_charges",
                column: "ChargeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "donor_totals");

            migrationBuilder.DropTable(
                name: "gift_refunds");

            migrationBuilder.DropTable(
                name: "gift_splits");

            migrationBuilder.DropTable(
                name: "ledger_lines");

            migrationBuilder.DropTable(
                name: "test_processor_charges");

            migrationBuilder.DropTable(
                name: "gifts");

            migrationBuilder.DropTable(
                name: "ledger_entries");
        }
    }
}
