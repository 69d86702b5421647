using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ModerationContract : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_moderation_cases_ContentType_ContentId",
                table: "moderation_cases");

            migrationBuilder.DropIndex(
                name: "IX_groups_Kind_PlaceKey_NormalizedName",
                table: "groups");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DeletedAt_EmailConfirmed_Id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "groups");

            migrationBuilder.AddColumn<int>(
                name: "Moderation",
                table: "projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "LapsedAt",
                table: "jurors",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Moderation",
                table: "groups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "NameSkeleton",
                table: "groups",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Moderation",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_ContentType_ContentId_OpenedAt",
                table: "moderation_cases",
                columns: new[] { "ContentType", "ContentId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_open",
                table: "moderation_cases",
                columns: new[] { "ContentType", "ContentId" },
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_Status",
                table: "moderation_cases",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_groups_Kind_PlaceKey_NameSkeleton",
                table: "groups",
                columns: new[] { "Kind", "PlaceKey", "NameSkeleton" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DeletedAt_EmailConfirmed_LastSignInAt_Id",
                table: "AspNetUsers",
                columns: new[] { "DeletedAt", "EmailConfirmed", "LastSignInAt", "Id" });

            // Content hidden before the state was stored: under review while a case is open, else removed (a kept item was shown again).
            migrationBuilder.Sql("""
                UPDATE "groups" AS t SET "Moderation" = CASE WHEN EXISTS (SELECT 1 FROM moderation_cases c WHERE c."ContentType" = 'group' AND lower(c."ContentId") = lower(t."Id") AND c."Status" = 0) THEN 1 ELSE 2 END WHERE t."HiddenAt" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "projects" AS t SET "Moderation" = CASE WHEN EXISTS (SELECT 1 FROM moderation_cases c WHERE c."ContentType" = 'project' AND lower(c."ContentId") = lower(t."Id") AND c."Status" = 0) THEN 1 ELSE 2 END WHERE t."HiddenAt" IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" AS t SET "Moderation" = CASE WHEN EXISTS (SELECT 1 FROM moderation_cases c WHERE c."ContentType" = 'member' AND lower(c."ContentId") = lower(t."Id") AND c."Status" = 0) THEN 1 ELSE 2 END WHERE t."HiddenAt" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_moderation_cases_ContentType_ContentId_OpenedAt",
                table: "moderation_cases");

            migrationBuilder.DropIndex(
                name: "IX_moderation_cases_open",
                table: "moderation_cases");

            migrationBuilder.DropIndex(
                name: "IX_moderation_cases_Status",
                table: "moderation_cases");

            migrationBuilder.DropIndex(
                name: "IX_groups_Kind_PlaceKey_NameSkeleton",
                table: "groups");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DeletedAt_EmailConfirmed_LastSignInAt_Id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Moderation",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "LapsedAt",
                table: "jurors");

            migrationBuilder.DropColumn(
                name: "Moderation",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "NameSkeleton",
                table: "groups");

            migrationBuilder.DropColumn(
                name: "Moderation",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "groups",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_moderation_cases_ContentType_ContentId",
                table: "moderation_cases",
                columns: new[] { "ContentType", "ContentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_groups_Kind_PlaceKey_NormalizedName",
                table: "groups",
                columns: new[] { "Kind", "PlaceKey", "NormalizedName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DeletedAt_EmailConfirmed_Id",
                table: "AspNetUsers",
                columns: new[] { "DeletedAt", "EmailConfirmed", "Id" });
        }
    }
}
