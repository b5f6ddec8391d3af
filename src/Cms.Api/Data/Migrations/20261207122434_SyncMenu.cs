using Cms.Api.Data.Sql;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cms.Api.Data.Migrations
{
    /// <summary>Sync of categories and authors, and of one category: stamps, tombstones and exits (Data/Sql/sync_menu.sql).</summary>
    public partial class SyncMenu : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlScripts.Read(SqlScripts.SyncMenu));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TABLE article_category_exits, menu_tombstones;
                DROP TRIGGER article_categories_left ON article_categories;
                DROP TRIGGER categories_stamped ON categories;
                DROP TRIGGER categories_deleted ON categories;
                DROP TRIGGER authors_stamped ON authors;
                DROP TRIGGER authors_deleted ON authors;
                DROP FUNCTION cms_article_left_category(), cms_category_stamped(), cms_author_stamped(), cms_menu_deleted();
                ALTER TABLE categories DROP COLUMN change_xid, DROP COLUMN moved_xid;
                ALTER TABLE authors DROP COLUMN change_xid;
                """);
        }
    }
}
