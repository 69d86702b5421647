using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PolisImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Meta",
                table: "statements",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "conversations",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedFrom",
                table: "conversations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PolisGroup",
                table: "conversation_participants",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_CreatedById_IdempotencyKey",
                table: "conversations",
                columns: new[] { "CreatedById", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_conversations_CreatedById_IdempotencyKey",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "Meta",
                table: "statements");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "ImportedFrom",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "PolisGroup",
                table: "conversation_participants");
        }
    }
}
