using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Conversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    NeedId = table.Column<Guid>(type: "uuid", nullable: true),
                    SenderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "message_threads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Replies = table.Column<int>(type: "integer", nullable: false),
                    LastReplyAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_threads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_message_threads_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "message_replies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ThreadId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromSender = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MailId = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_message_replies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_message_replies_message_threads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "message_threads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_message_replies_AuthorId_SentAt",
                table: "message_replies",
                columns: new[] { "AuthorId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_message_replies_MailId",
                table: "message_replies",
                column: "MailId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_message_replies_ThreadId_SentAt",
                table: "message_replies",
                columns: new[] { "ThreadId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_message_threads_MemberId",
                table: "message_threads",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_message_threads_MessageId_MemberId",
                table: "message_threads",
                columns: new[] { "MessageId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_GroupId_SentAt",
                table: "messages",
                columns: new[] { "GroupId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_ProjectId_SentAt",
                table: "messages",
                columns: new[] { "ProjectId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_SenderId_SentAt",
                table: "messages",
                columns: new[] { "SenderId", "SentAt" });

            // The organizers' messages sent before conversations existed stay in the group's archive (their recipients were not recorded).
            migrationBuilder.Sql("INSERT INTO messages (\"Id\", \"Scope\", \"GroupId\", \"ProjectId\", \"NeedId\", \"SenderId\", \"Subject\", \"Body\", \"SentAt\", \"Recipients\") " +
                "SELECT \"Id\", 0, \"GroupId\", NULL, NULL, \"SenderId\", \"Subject\", \"Body\", \"SentAt\", \"Recipients\" FROM group_messages");

            migrationBuilder.DropTable(
                name: "group_messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "message_replies");

            migrationBuilder.DropTable(
                name: "message_threads");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.CreateTable(
                name: "group_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false),
                    SenderId = table.Column<Guid>(type: "uuid", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_group_messages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_group_messages_GroupId_SentAt",
                table: "group_messages",
                columns: new[] { "GroupId", "SentAt" });
        }
    }
}
