using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoverFromMediaLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "cover_media_id",
                table: "articles",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_articles_cover_media_id",
                table: "articles",
                column: "cover_media_id");

            migrationBuilder.AddForeignKey(
                name: "fk_articles_media_cover_media_id",
                table: "articles",
                column: "cover_media_id",
                principalTable: "media",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_articles_media_cover_media_id",
                table: "articles");

            migrationBuilder.DropIndex(
                name: "ix_articles_cover_media_id",
                table: "articles");

            migrationBuilder.DropColumn(
                name: "cover_media_id",
                table: "articles");
        }
    }
}
