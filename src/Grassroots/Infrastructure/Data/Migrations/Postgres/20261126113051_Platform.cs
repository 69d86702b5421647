using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Platform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "platform_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Title = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    Phase = table.Column<int>(type: "integer", nullable: false),
                    PhaseStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PhaseEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AmendmentsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    CosigningOpen = table.Column<bool>(type: "boolean", nullable: false),
                    CommentsOpen = table.Column<bool>(type: "boolean", nullable: false),
                    BallotPerMille = table.Column<int>(type: "integer", nullable: false),
                    BallotMinimum = table.Column<int>(type: "integer", nullable: false),
                    Moderation = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_documents", x => x.Id);
                    table.CheckConstraint("CK_platform_documents_ballot", "\"BallotPerMille\" BETWEEN 1 AND 1000 AND \"BallotMinimum\" >= 1");
                    table.CheckConstraint("CK_platform_documents_version", "\"CurrentVersion\" >= 1");
                });

            migrationBuilder.CreateTable(
                name: "platform_facilitators",
                columns: table => new
                {
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    NamedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NamedById = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_facilitators", x => new { x.DocumentId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_platform_facilitators_platform_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "platform_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_log_platform_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "platform_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_versions_platform_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "platform_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_amendments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    VersionNumber = table.Column<int>(type: "integer", nullable: false),
                    PlankKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Cosigners = table.Column<int>(type: "integer", nullable: false),
                    FromWord = table.Column<int>(type: "integer", nullable: false),
                    ToWord = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BallotAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MergedInto = table.Column<int>(type: "integer", nullable: true),
                    Moderation = table.Column<int>(type: "integer", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_amendments", x => x.Id);
                    table.CheckConstraint("CK_platform_amendments_cosigners", "\"Cosigners\" >= 0");
                    table.ForeignKey(
                        name: "FK_platform_amendments_platform_documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "platform_documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_platform_amendments_platform_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "platform_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "platform_planks",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionKey = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_planks", x => new { x.VersionId, x.Key });
                    table.ForeignKey(
                        name: "FK_platform_planks_platform_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "platform_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_sections",
                columns: table => new
                {
                    VersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_sections", x => new { x.VersionId, x.Key });
                    table.ForeignKey(
                        name: "FK_platform_sections_platform_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "platform_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_amendment_revisions",
                columns: table => new
                {
                    AmendmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_amendment_revisions", x => new { x.AmendmentId, x.Number });
                    table.ForeignKey(
                        name: "FK_platform_amendment_revisions_platform_amendments_AmendmentId",
                        column: x => x.AmendmentId,
                        principalTable: "platform_amendments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AmendmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_platform_comments_platform_amendments_AmendmentId",
                        column: x => x.AmendmentId,
                        principalTable: "platform_amendments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "platform_cosigns",
                columns: table => new
                {
                    AmendmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_platform_cosigns", x => new { x.AmendmentId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_platform_cosigns_platform_amendments_AmendmentId",
                        column: x => x.AmendmentId,
                        principalTable: "platform_amendments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_amendments_AuthorId",
                table: "platform_amendments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_amendments_AuthorId_IdempotencyKey",
                table: "platform_amendments",
                columns: new[] { "AuthorId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_platform_amendments_DocumentId_Number",
                table: "platform_amendments",
                columns: new[] { "DocumentId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_amendments_DocumentId_PlankKey_Status",
                table: "platform_amendments",
                columns: new[] { "DocumentId", "PlankKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_amendments_DocumentId_Status_Cosigners",
                table: "platform_amendments",
                columns: new[] { "DocumentId", "Status", "Cosigners" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_amendments_VersionId",
                table: "platform_amendments",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_comments_AmendmentId_CreatedAt",
                table: "platform_comments",
                columns: new[] { "AmendmentId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_comments_AuthorId",
                table: "platform_comments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_cosigns_MemberId",
                table: "platform_cosigns",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_documents_CreatedAt",
                table: "platform_documents",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_platform_documents_Slug",
                table: "platform_documents",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_platform_facilitators_MemberId",
                table: "platform_facilitators",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_platform_log_DocumentId_Id",
                table: "platform_log",
                columns: new[] { "DocumentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_planks_VersionId_Position",
                table: "platform_planks",
                columns: new[] { "VersionId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_versions_DocumentId_Number",
                table: "platform_versions",
                columns: new[] { "DocumentId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "platform_amendment_revisions");

            migrationBuilder.DropTable(
                name: "platform_comments");

            migrationBuilder.DropTable(
                name: "platform_cosigns");

            migrationBuilder.DropTable(
                name: "platform_facilitators");

            migrationBuilder.DropTable(
                name: "platform_log");

            migrationBuilder.DropTable(
                name: "platform_planks");

            migrationBuilder.DropTable(
                name: "platform_sections");

            migrationBuilder.DropTable(
                name: "platform_amendments");

            migrationBuilder.DropTable(
                name: "platform_versions");

            migrationBuilder.DropTable(
                name: "platform_documents");
        }
    }
}
