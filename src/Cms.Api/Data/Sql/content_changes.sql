-- Invalidation (ReadPath/README.md): any statement that writes content readers see, by whatever path (tracked saves,
-- ExecuteUpdate, ExecuteDelete, raw SQL), tells every instance at commit (NOTIFY, heard by ContentChangeListener) and
-- the writing connection at once (a NOTICE, which ContentChangeInterceptor turns into a local advance after commit).
-- Counters (article_stats) are not content: they are spliced into cached answers instead.
CREATE FUNCTION cms_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cms_content', '');
    RAISE NOTICE 'cms_content_changed';
    RETURN NULL;
END $$;

CREATE TRIGGER articles_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
CREATE TRIGGER article_authors_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_authors
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
CREATE TRIGGER article_categories_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_categories
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
CREATE TRIGGER article_slugs_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON article_slugs
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
CREATE TRIGGER authors_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON authors
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
CREATE TRIGGER categories_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION cms_content_changed();
