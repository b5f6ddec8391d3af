using System;
using Cms.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Revisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "article_revisions",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    saved_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    changed = table.Column<string[]>(type: "text[]", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    live = table.Column<bool>(type: "boolean", nullable: false),
                    pending = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_article_revisions", x => new { x.article_id, x.version });
                    table.ForeignKey(
                        name: "fk_article_revisions_users_saved_by_id",
                        column: x => x.saved_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "deleted_articles",
                columns: table => new
                {
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deleted_articles", x => x.article_id);
                    table.ForeignKey(
                        name: "fk_deleted_articles_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_deleted_articles_users_deleted_by_id",
                        column: x => x.deleted_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "preview_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    article_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_preview_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_preview_links_articles_article_id",
                        column: x => x.article_id,
                        principalTable: "articles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_preview_links_users_created_by_id",
                        column: x => x.created_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_article_revisions_saved_by_id",
                table: "article_revisions",
                column: "saved_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_deleted_articles_created_by_id",
                table: "deleted_articles",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_deleted_articles_deleted_at_article_id",
                table: "deleted_articles",
                columns: new[] { "deleted_at", "article_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deleted_articles_deleted_by_id",
                table: "deleted_articles",
                column: "deleted_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_preview_links_article_id",
                table: "preview_links",
                column: "article_id");

            migrationBuilder.CreateIndex(
                name: "ix_preview_links_created_by_id",
                table: "preview_links",
                column: "created_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_preview_links_token_hash",
                table: "preview_links",
                column: "token_hash",
                unique: true);

            migrationBuilder.Sql(SqlScripts.Read(SqlScripts.Undelete));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS articles_returned ON articles; DROP FUNCTION IF EXISTS cms_article_returned();");

            migrationBuilder.DropTable(
                name: "article_revisions");

            migrationBuilder.DropTable(
                name: "deleted_articles");

            migrationBuilder.DropTable(
                name: "preview_links");
        }
    }
}
