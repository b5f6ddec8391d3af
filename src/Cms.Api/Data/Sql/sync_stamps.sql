-- Sync (Sync/SyncQueries.cs): every article write is stamped with the id of the transaction that made it, and deleting
-- an article readers could have seen leaves a stamped tombstone. Outside the EF model on purpose: articles.change_xid,
-- articles.ever_published and the article_tombstones table (EF would neither read nor write them correctly).
ALTER TABLE articles ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
-- Whether readers could ever have seen it: a draft that never was published need not be reported deleted.
ALTER TABLE articles ADD COLUMN ever_published boolean NOT NULL DEFAULT false;
CREATE INDEX ix_articles_change_xid ON articles (change_xid);

CREATE FUNCTION cms_article_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    NEW.ever_published := NEW.ever_published OR NEW.status = 'published';
    RETURN NEW;
END $$;
CREATE TRIGGER articles_changed BEFORE INSERT OR UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION cms_article_changed();

CREATE TABLE article_tombstones (
    article_id uuid PRIMARY KEY,
    change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX ix_article_tombstones_change_xid ON article_tombstones (change_xid);
CREATE INDEX ix_article_tombstones_deleted_at ON article_tombstones (deleted_at);

CREATE FUNCTION cms_article_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.ever_published THEN
        INSERT INTO article_tombstones (article_id) VALUES (OLD.id)
        ON CONFLICT (article_id) DO UPDATE SET change_xid = excluded.change_xid, deleted_at = excluded.deleted_at;
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION cms_article_deleted();

-- Articles embed their authors' and categories' names: a rename is a change to each of those articles.
CREATE FUNCTION cms_author_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles SET change_xid = pg_current_xact_id()
    WHERE id IN (SELECT article_id FROM article_authors WHERE author_id = NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER authors_renamed AFTER UPDATE ON authors FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug OR OLD.organization IS DISTINCT FROM NEW.organization)
    EXECUTE FUNCTION cms_author_renamed();

CREATE FUNCTION cms_category_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles SET change_xid = pg_current_xact_id()
    WHERE id IN (SELECT article_id FROM article_categories WHERE category_id = NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER categories_renamed AFTER UPDATE ON categories FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.slug IS DISTINCT FROM NEW.slug)
    EXECUTE FUNCTION cms_category_renamed();
