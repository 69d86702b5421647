using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventCampaignsHostsCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_groups_Latitude_Longitude",
                table: "groups");

            migrationBuilder.DropIndex(
                name: "IX_events_Latitude_Longitude",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_StartsAt",
                table: "events");

            migrationBuilder.AddColumn<string>(
                name: "Calendar",
                table: "outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Cell",
                table: "groups",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Cell",
                table: "events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DialIn",
                table: "events",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DialPin",
                table: "events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExportGrantedAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ExportGrantedById",
                table: "events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUp",
                table: "events",
                type: "character varying(10000)",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RemindedAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReportedAt",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Turnout",
                table: "events",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "event_campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    DescriptionHtml = table.Column<string>(type: "text", nullable: false),
                    FirstDay = table.Column<DateOnly>(type: "date", nullable: false),
                    LastDay = table.Column<DateOnly>(type: "date", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    TemplateTitle = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    TemplateDescription = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    TemplateCapacity = table.Column<int>(type: "integer", nullable: true),
                    TemplateGuests = table.Column<int>(type: "integer", nullable: false),
                    Moderation = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_campaigns", x => x.Id);
                    table.CheckConstraint("CK_event_campaigns_days", "\"LastDay\" >= \"FirstDay\"");
                    table.ForeignKey(
                        name: "FK_event_campaigns_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "event_cohosts",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedById = table.Column<Guid>(type: "uuid", nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_cohosts", x => new { x.EventId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_event_cohosts_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "event_groups",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedById = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_groups", x => new { x.EventId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_event_groups_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_event_groups_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "event_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    SenderId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subject = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    ToWaitlist = table.Column<bool>(type: "boolean", nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_event_messages_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_groups_Cell",
                table: "groups",
                column: "Cell");

            migrationBuilder.CreateIndex(
                name: "IX_events_CampaignId_StartsAt",
                table: "events",
                columns: new[] { "CampaignId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_Cell_StartsAt_Id",
                table: "events",
                columns: new[] { "Cell", "StartsAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_events_RemindedAt_StartsAt",
                table: "events",
                columns: new[] { "RemindedAt", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_events_StartsAt_Id",
                table: "events",
                columns: new[] { "StartsAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_event_campaigns_GroupId",
                table: "event_campaigns",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_event_campaigns_LastDay_FirstDay",
                table: "event_campaigns",
                columns: new[] { "LastDay", "FirstDay" });

            migrationBuilder.CreateIndex(
                name: "IX_event_campaigns_Slug",
                table: "event_campaigns",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_event_cohosts_MemberId",
                table: "event_cohosts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_event_groups_GroupId",
                table: "event_groups",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_event_messages_EventId_SentAt",
                table: "event_messages",
                columns: new[] { "EventId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_event_messages_SenderId_SentAt",
                table: "event_messages",
                columns: new[] { "SenderId", "SentAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_events_event_campaigns_CampaignId",
                table: "events",
                column: "CampaignId",
                principalTable: "event_campaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            // The grid cell of every place already stored (GridCells.Of: 0.5 degree squares, row * 1000 + column).
            migrationBuilder.Sql("UPDATE \"groups\" SET \"Cell\" = CAST(floor((\"Latitude\" + 90) / 0.5) AS integer) * 1000 + CAST(floor((\"Longitude\" + 180) / 0.5) AS integer) WHERE \"Latitude\" IS NOT NULL AND \"Longitude\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"events\" SET \"Cell\" = CAST(floor((\"Latitude\" + 90) / 0.5) AS integer) * 1000 + CAST(floor((\"Longitude\" + 180) / 0.5) AS integer) WHERE \"Latitude\" IS NOT NULL AND \"Longitude\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_events_event_campaigns_CampaignId",
                table: "events");

            migrationBuilder.DropTable(
                name: "event_campaigns");

            migrationBuilder.DropTable(
                name: "event_cohosts");

            migrationBuilder.DropTable(
                name: "event_groups");

            migrationBuilder.DropTable(
                name: "event_messages");

            migrationBuilder.DropIndex(
                name: "IX_groups_Cell",
                table: "groups");

            migrationBuilder.DropIndex(
                name: "IX_events_CampaignId_StartsAt",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_Cell_StartsAt_Id",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_RemindedAt_StartsAt",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_events_StartsAt_Id",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Calendar",
                table: "outbox");

            migrationBuilder.DropColumn(
                name: "Cell",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "events");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Cell",
                table: "events");

            migrationBuilder.DropColumn(
                name: "DialIn",
                table: "events");

            migrationBuilder.DropColumn(
                name: "DialPin",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ExportGrantedAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ExportGrantedById",
                table: "events");

            migrationBuilder.DropColumn(
                name: "FollowUp",
                table: "events");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "events");

            migrationBuilder.DropColumn(
                name: "Turnout",
                table: "events");

            migrationBuilder.CreateIndex(
                name: "IX_groups_Latitude_Longitude",
                table: "groups",
                columns: new[] { "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_events_Latitude_Longitude",
                table: "events",
                columns: new[] { "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_events_StartsAt",
                table: "events",
                column: "StartsAt");
        }
    }
}
