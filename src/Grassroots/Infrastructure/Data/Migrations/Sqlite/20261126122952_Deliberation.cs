using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Deliberation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    DocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PlankKey = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Open = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatementsNeedApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    Imported = table.Column<bool>(type: "INTEGER", nullable: false),
                    Moderation = table.Column<int>(type: "INTEGER", nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Statements = table.Column<int>(type: "INTEGER", nullable: false),
                    Votes = table.Column<long>(type: "INTEGER", nullable: false),
                    Pending = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations", x => x.Id);
                    table.CheckConstraint("CK_conversations_counts", "\"Participants\" >= 0 AND \"Statements\" >= 0 AND \"Votes\" >= 0 AND \"Pending\" >= 0");
                    table.ForeignKey(
                        name: "FK_conversations_platform_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "platform_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "conversation_participants",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JoinedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversation_participants", x => new { x.ConversationId, x.Number });
                    table.ForeignKey(
                        name: "FK_conversation_participants_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opinion_maps",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VotesSeen = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", nullable: false),
                    Points = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opinion_maps", x => x.ConversationId);
                    table.ForeignKey(
                        name: "FK_opinion_maps_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "statement_votes",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParticipantNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    StatementNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<sbyte>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statement_votes", x => new { x.ConversationId, x.ParticipantNumber, x.StatementNumber });
                    table.ForeignKey(
                        name: "FK_statement_votes_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "statements",
                columns: table => new
                {
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejection = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Agrees = table.Column<int>(type: "INTEGER", nullable: false),
                    Disagrees = table.Column<int>(type: "INTEGER", nullable: false),
                    Passes = table.Column<int>(type: "INTEGER", nullable: false),
                    Seen = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statements", x => new { x.ConversationId, x.Number });
                    table.CheckConstraint("CK_statements_counts", "\"Agrees\" >= 0 AND \"Disagrees\" >= 0 AND \"Passes\" >= 0 AND \"Seen\" = \"Agrees\" + \"Disagrees\" + \"Passes\"");
                    table.ForeignKey(
                        name: "FK_statements_conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_conversation_participants_ConversationId_MemberId",
                table: "conversation_participants",
                columns: new[] { "ConversationId", "MemberId" },
                unique: true,
                filter: "\"MemberId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_conversation_participants_MemberId",
                table: "conversation_participants",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_DocumentId_CreatedAt",
                table: "conversations",
                columns: new[] { "DocumentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_Pending",
                table: "conversations",
                column: "Pending",
                filter: "\"Pending\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_conversations_Slug",
                table: "conversations",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_statements_ConversationId_Status_Seen_Number",
                table: "statements",
                columns: new[] { "ConversationId", "Status", "Seen", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversation_participants");

            migrationBuilder.DropTable(
                name: "opinion_maps");

            migrationBuilder.DropTable(
                name: "statement_votes");

            migrationBuilder.DropTable(
                name: "statements");

            migrationBuilder.DropTable(
                name: "conversations");
        }
    }
}
