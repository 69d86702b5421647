using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "monthly_gifts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DonorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cents = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Months = table.Column<int>(type: "integer", nullable: false),
                    NextDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Declines = table.Column<int>(type: "integer", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaymentToken = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CardLast4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    DonorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Street = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    City = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Zip = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Employer = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Occupation = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MonthlyGiftId = table.Column<Guid>(type: "uuid", nullable: false),
                    Account = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Cents = table.Column<long>(type: "bigint", nullable: false)
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
