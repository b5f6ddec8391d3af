-- Every write to the media library tells the read path, as the content tables do (content_changes.sql): whether a
-- file may be served anonymously depends on the item (public) and on the articles that use it.
CREATE OR REPLACE TRIGGER media_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON media
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
CREATE OR REPLACE TRIGGER article_media_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_media
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
