using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProjectSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over projects for overlap detection: a generated tsvector (title
            // weighs most) with a GIN index; outside the EF model, read by Features/Projects/Similarity.cs.
            migrationBuilder.Sql("""
                ALTER TABLE projects ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector('english', coalesce("Title", '')), 'A') ||
                  setweight(to_tsvector('english', coalesce("Goal", '')), 'B') ||
                  setweight(to_tsvector('english', coalesce("Description", '')), 'C')) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_projects_SearchVector" ON projects USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_projects_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE projects DROP COLUMN IF EXISTS "SearchVector";""");
        }
    }
}
