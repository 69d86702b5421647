using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EventsListedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_events_Cell_StartsAt_Id",
                table: "events");

            migrationBuilder.CreateIndex(
                name: "IX_events_listed",
                table: "events",
                columns: new[] { "Cell", "StartsAt", "Id", "EndsAt", "Latitude", "Longitude", "Online" },
                filter: "\"Visibility\" = 0 AND \"Moderation\" = 0 AND \"Status\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_events_listed",
                table: "events");

            migrationBuilder.CreateIndex(
                name: "IX_events_Cell_StartsAt_Id",
                table: "events",
                columns: new[] { "Cell", "StartsAt", "Id" });
        }
    }
}
