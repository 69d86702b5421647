using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Events : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 140, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    DescriptionHtml = table.Column<string>(type: "TEXT", nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    OnlineUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Zip = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Latitude = table.Column<double>(type: "REAL", nullable: true),
                    Longitude = table.Column<double>(type: "REAL", nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    Waitlist = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuestsAllowed = table.Column<int>(type: "INTEGER", nullable: false),
                    Visibility = table.Column<int>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HostId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Confirmed = table.Column<int>(type: "INTEGER", nullable: false),
                    Waitlisted = table.Column<int>(type: "INTEGER", nullable: false),
                    Moderation = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                    table.CheckConstraint("CK_events_capacity", "\"Capacity\" IS NULL OR (\"Capacity\" > 0 AND \"Confirmed\" <= \"Capacity\")");
                    table.CheckConstraint("CK_events_counts", "\"Confirmed\" >= 0 AND \"Waitlisted\" >= 0");
                    table.CheckConstraint("CK_events_ends_after_start", "\"EndsAt\" > \"StartsAt\"");
                    table.ForeignKey(
                        name: "FK_events_groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "rsvps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    EmailKey = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Zip = table.Column<string>(type: "TEXT", maxLength: 5, nullable: true),
                    Guests = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CancelTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WalkIn = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rsvps", x => x.Id);
                    table.CheckConstraint("CK_rsvps_guests", "\"Guests\" >= 0 AND \"Guests\" <= 10");
                    table.ForeignKey(
                        name: "FK_rsvps_events_EventId",
                        column: x => x.EventId,
                        principalTable: "events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_GroupId",
                table: "events",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_events_HostId",
                table: "events",
                column: "HostId");

            migrationBuilder.CreateIndex(
                name: "IX_events_Latitude_Longitude",
                table: "events",
                columns: new[] { "Latitude", "Longitude" });

            migrationBuilder.CreateIndex(
                name: "IX_events_Slug",
                table: "events",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_StartsAt",
                table: "events",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_EmailKey_IdempotencyKey",
                table: "rsvps",
                columns: new[] { "EmailKey", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_EventId_EmailKey",
                table: "rsvps",
                columns: new[] { "EventId", "EmailKey" },
                unique: true,
                filter: "\"Status\" <> 2");

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_EventId_Status_CreatedAt",
                table: "rsvps",
                columns: new[] { "EventId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_rsvps_MemberId",
                table: "rsvps",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rsvps");

            migrationBuilder.DropTable(
                name: "events");
        }
    }
}
