using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ViewFlushIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each view flush's id, written with its counts: a retried flush whose commit happened is not added twice.
            migrationBuilder.Sql(
                "CREATE TABLE view_flushes (id uuid PRIMARY KEY, flushed_at timestamptz NOT NULL DEFAULT now()); " +
                "CREATE INDEX ix_view_flushes_flushed_at ON view_flushes (flushed_at);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE view_flushes;");
        }
    }
}
