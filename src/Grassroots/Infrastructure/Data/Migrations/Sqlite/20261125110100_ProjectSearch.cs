using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Grassroots.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over projects for overlap detection: an FTS5 index over the projects
            // table's own rows, kept in step by triggers (see Features/Projects/Similarity.cs).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE projects_fts USING fts5("Title", "Goal", "Description", content='projects', content_rowid='rowid', tokenize='porter unicode61');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER projects_fts_insert AFTER INSERT ON projects BEGIN
                  INSERT INTO projects_fts(rowid, "Title", "Goal", "Description") VALUES (new.rowid, new."Title", new."Goal", new."Description");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER projects_fts_delete AFTER DELETE ON projects BEGIN
                  INSERT INTO projects_fts(projects_fts, rowid, "Title", "Goal", "Description") VALUES ('delete', old.rowid, old."Title", old."Goal", old."Description");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER projects_fts_update AFTER UPDATE OF "Title", "Goal", "Description" ON projects BEGIN
                  INSERT INTO projects_fts(projects_fts, rowid, "Title", "Goal", "Description") VALUES ('delete', old.rowid, old."Title", old."Goal", old."Description");
                  INSERT INTO projects_fts(rowid, "Title", "Goal", "Description") VALUES (new.rowid, new."Title", new."Goal", new."Description");
                END;
                """);
            migrationBuilder.Sql("INSERT INTO projects_fts(projects_fts) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS projects_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS projects_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS projects_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS projects_fts;");
        }
    }
}
