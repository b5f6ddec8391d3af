using Cms.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class GroupCommits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_webhook_attempts_webhooks_webhook_id",
                table: "webhook_attempts");

            migrationBuilder.CreateIndex(
                name: "ix_articles_scheduled_expiry",
                table: "articles",
                column: "expires_at",
                filter: "status = 'published' AND updated_at < expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_articles_scheduled_publish",
                table: "articles",
                column: "publish_at",
                filter: "status = 'published' AND updated_at < publish_at");

            // Webhook attempts are recorded in batches (cms_webhook_record_batch); the file is idempotent.
            migrationBuilder.Sql(SqlScripts.Read(SqlScripts.Webhooks));

            // Ratings are saved a batch to a statement (cms_rate_batch).
            migrationBuilder.Sql(SqlScripts.Read(SqlScripts.Ratings));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_articles_scheduled_expiry",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_scheduled_publish",
                table: "articles");

            migrationBuilder.AddForeignKey(
                name: "fk_webhook_attempts_webhooks_webhook_id",
                table: "webhook_attempts",
                column: "webhook_id",
                principalTable: "webhooks",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
