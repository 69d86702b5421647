using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutboxFailedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_SentAt_NextAttemptAt",
                table: "outbox");

            migrationBuilder.AddColumn<long>(
                name: "FailedAt",
                table: "outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_SentAt_FailedAt_NextAttemptAt",
                table: "outbox",
                columns: new[] { "SentAt", "FailedAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_outbox_SentAt_FailedAt_NextAttemptAt",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "FailedAt",
                table: "outbox");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_SentAt_NextAttemptAt",
                table: "outbox",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }
    }
}
