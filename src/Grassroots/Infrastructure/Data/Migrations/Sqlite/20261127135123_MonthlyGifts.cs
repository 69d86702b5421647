using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonthlyGifts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MonthlyGiftId",
                table: "gifts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "monthly_gifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DonorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Months = table.Column<int>(type: "INTEGER", nullable: false),
                    NextDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Declines = table.Column<int>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PaymentToken = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CardLast4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
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
                    table.PrimaryKey("PK_monthly_gifts", x => x.Id);
                    table.CheckConstraint("CK_monthly_gifts_cents", "\"Cents\" > 0");
                    table.ForeignKey(
                        name: "FK_monthly_gifts_AspNetUsers_DonorId",
                        column: x => x.DonorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "monthly_splits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MonthlyGiftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Account = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Cents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monthly_splits", x => x.Id);
                    table.CheckConstraint("CK_monthly_splits_cents", "\"Cents\" > 0");
                    table.ForeignKey(
                        name: "FK_monthly_splits_monthly_gifts_MonthlyGiftId",
                        column: x => x.MonthlyGiftId,
                        principalTable: "monthly_gifts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_gifts_MonthlyGiftId",
                table: "gifts",
                column: "MonthlyGiftId");

            migrationBuilder.CreateIndex(
                name: "IX_monthly_gifts_DonorId",
                table: "monthly_gifts",
                column: "DonorId");

            migrationBuilder.CreateIndex(
                name: "IX_monthly_gifts_Status_NextDueAt",
                table: "monthly_gifts",
                columns: new[] { "Status", "NextDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_monthly_splits_MonthlyGiftId_Account",
                table: "monthly_splits",
                columns: new[] { "MonthlyGiftId", "Account" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monthly_splits");

            migrationBuilder.DropTable(
                name: "monthly_gifts");

            migrationBuilder.DropIndex(
                name: "IX_gifts_MonthlyGiftId",
                table: "gifts");

            migrationBuilder.DropColumn(
                name: "MonthlyGiftId",
                table: "gifts");
        }
    }
}
