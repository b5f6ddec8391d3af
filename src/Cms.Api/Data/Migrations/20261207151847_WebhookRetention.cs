using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_occurred_at",
                table: "webhook_events",
                column: "occurred_at");
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
