using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Convention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RatifiedAt",
                table: "platform_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatifiedAudit",
                table: "platform_versions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatifiedTally",
                table: "platform_versions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ConventionId",
                table: "platform_documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssemblyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assemblies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    Name = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: true),
                    StreamUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CredentialRule = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MotionCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assemblies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assembly_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssemblyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assembly_log", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assembly_officers",
                columns: table => new
                {
                    AssemblyId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    NamedById = table.Column<Guid>(type: "uuid", nullable: false),
                    NamedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assembly_officers", x => new { x.AssemblyId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "assembly_registrations",
                columns: table => new
                {
                    AssemblyId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attendance = table.Column<int>(type: "integer", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assembly_registrations", x => new { x.AssemblyId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "ballot_casts",
                columns: table => new
                {
                    MotionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tracker = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ballot_casts", x => new { x.MotionId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "ballot_keys",
                columns: table => new
                {
                    MotionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Choices = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ballot_keys", x => new { x.MotionId, x.MemberId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "board_ballots",
                columns: table => new
                {
                    MotionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Tracker = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Replaces = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Choices = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_board_ballots", x => new { x.MotionId, x.Sequence });
                });

            migrationBuilder.CreateTable(
                name: "credential_decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssemblyId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seated = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DecidedById = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credential_decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "motion_options",
                columns: table => new
                {
                    MotionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_motion_options", x => new { x.MotionId, x.Position });
                });

            migrationBuilder.CreateTable(
                name: "motion_roll",
                columns: table => new
                {
                    MotionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attendance = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_motion_roll", x => new { x.MotionId, x.MemberId });
                });

            migrationBuilder.CreateTable(
                name: "motions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssemblyId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgendaItemId = table.Column<Guid>(type: "uuid", nullable: true),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Threshold = table.Column<int>(type: "integer", nullable: false),
                    QuorumBallots = table.Column<int>(type: "integer", nullable: false),
                    QuorumPercent = table.Column<int>(type: "integer", nullable: false),
                    AllowRevote = table.Column<bool>(type: "boolean", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    DocumentVersion = table.Column<int>(type: "integer", nullable: true),
                    AmendmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenedById = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Roll = table.Column<int>(type: "integer", nullable: false),
                    Voted = table.Column<int>(type: "integer", nullable: false),
                    BoardCount = table.Column<long>(type: "bigint", nullable: false),
                    BoardHead = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_motions", x => x.Id);
                    table.CheckConstraint("CK_motions_quorum", "\"QuorumBallots\" >= 0 AND \"QuorumPercent\" BETWEEN 0 AND 100");
                    table.CheckConstraint("CK_motions_seats", "\"Seats\" BETWEEN 1 AND 50");
                });

            migrationBuilder.CreateIndex(
                name: "IX_agenda_items_AssemblyId_Position",
                table: "agenda_items",
                columns: new[] { "AssemblyId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_assemblies_Slug",
                table: "assemblies",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assemblies_StartsAt",
                table: "assemblies",
                column: "StartsAt");

            migrationBuilder.CreateIndex(
                name: "IX_assembly_log_AssemblyId_Id",
                table: "assembly_log",
                columns: new[] { "AssemblyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_assembly_officers_MemberId",
                table: "assembly_officers",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_assembly_registrations_MemberId",
                table: "assembly_registrations",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_board_ballots_MotionId_Tracker",
                table: "board_ballots",
                columns: new[] { "MotionId", "Tracker" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_credential_decisions_AssemblyId_MemberId_Id",
                table: "credential_decisions",
                columns: new[] { "AssemblyId", "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_motions_AssemblyId_Number",
                table: "motions",
                columns: new[] { "AssemblyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_motions_Status_ClosesAt",
                table: "motions",
                columns: new[] { "Status", "ClosesAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "assemblies");

            migrationBuilder.DropTable(
                name: "assembly_log");

            migrationBuilder.DropTable(
                name: "assembly_officers");

            migrationBuilder.DropTable(
                name: "assembly_registrations");

            migrationBuilder.DropTable(
                name: "ballot_casts");

            migrationBuilder.DropTable(
                name: "ballot_keys");

            migrationBuilder.DropTable(
                name: "board_ballots");

            migrationBuilder.DropTable(
                name: "credential_decisions");

            migrationBuilder.DropTable(
                name: "motion_options");

            migrationBuilder.DropTable(
                name: "motion_roll");

            migrationBuilder.DropTable(
                name: "motions");

            migrationBuilder.DropColumn(
                name: "RatifiedAt",
                table: "platform_versions");

            migrationBuilder.DropColumn(
                name: "RatifiedAudit",
                table: "platform_versions");

            migrationBuilder.DropColumn(
                name: "RatifiedTally",
                table: "platform_versions");

            migrationBuilder.DropColumn(
                name: "ConventionId",
                table: "platform_documents");
        }
    }
}
