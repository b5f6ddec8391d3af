using Cms.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookUpkeep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_occurred_at",
                table: "webhook_events",
                column: "occurred_at");

            // The claim and next-due functions become PL/pgSQL (plans kept per session); the file is idempotent.
            migrationBuilder.Sql(SqlScripts.Read(SqlScripts.Webhooks));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_events_occurred_at",
                table: "webhook_events");
        }
    }
}
