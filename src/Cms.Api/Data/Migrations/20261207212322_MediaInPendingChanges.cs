using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class MediaInPendingChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "article_pending_media",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    media_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_cover = table.Column<bool>(type: "boolean", nullable: false),
                    in_body = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_pending_media", x => new { x.article_id, x.version, x.media_id });
                    table.ForeignKey(
                        name: "fk_article_pending_media_article_revisions_article_id_version",
                        columns: x => new { x.article_id, x.version },
                        principalTable: "article_revisions",
                        principalColumns: new[] { "article_id", "version" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_pending_media_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_article_pending_media_media_media_id",
                        column: x => x.media_id,
                        principalTable: "media",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_pending_media_media_id",
                table: "article_pending_media",
                column: "media_id");

            // The uses of pending changes saved before this table: each article's newest revision when it is pending
            // above the live version (RevisionLog.HeadAsync's rule), its cover and the /media/{id}/ addresses in its body
            // (ArticleWriter.MediaIds' rule). An item deleted since names nothing to keep.
            migrationBuilder.Sql("""
                WITH pending AS (
                    SELECT DISTINCT ON (r.article_id) r.article_id, r.version, r.pending, r.content
                    FROM article_revisions r JOIN articles a ON a.id = r.article_id AND r.version > a.version
                    ORDER BY r.article_id, r.version DESC
                ), named AS (
                    SELECT article_id, version, (content #>> '{coverImage,mediaId}')::uuid AS media_id, true AS is_cover, false AS in_body
                    FROM pending WHERE pending AND content #>> '{coverImage,mediaId}' IS NOT NULL
                    UNION ALL
                    SELECT article_id, version, address[1]::uuid, false, true
                    FROM pending, regexp_matches(content ->> 'body',
                        '/media/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/', 'g') AS address
                    WHERE pending
                )
                INSERT INTO article_pending_media (article_id, version, media_id, is_cover, in_body)
                SELECT n.article_id, n.version, n.media_id, bool_or(n.is_cover), bool_or(n.in_body)
                FROM named n JOIN media m ON m.id = n.media_id
                GROUP BY n.article_id, n.version, n.media_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "article_pending_media");
        }
    }
}
