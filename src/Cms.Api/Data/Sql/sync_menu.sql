-- Sync of the menu and bylines, and of one category (Sync/SyncQueries.cs, Sync/README.md): categories and authors are
-- stamped like articles (sync_stamps.sql) and leave tombstones; a category's move and an article's leaving a category
-- are stamped too, so a filtered pass can tell which articles may have left its tree. Outside the EF model on purpose.
ALTER TABLE categories ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
-- The last transaction that changed the category's parent: everything under it changed its place in the tree, and a
-- filtered pass looks at every article in it (an article written into it while it moved is not missed, as it would
-- be by restamping the subtree's articles in the moving transaction, which cannot see writes still uncommitted).
ALTER TABLE categories ADD COLUMN moved_xid xid8;
CREATE INDEX ix_categories_change_xid ON categories (change_xid);
ALTER TABLE authors ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX ix_authors_change_xid ON authors (change_xid);

CREATE FUNCTION cms_author_stamped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER authors_stamped BEFORE INSERT OR UPDATE ON authors
    FOR EACH ROW EXECUTE FUNCTION cms_author_stamped();

CREATE FUNCTION cms_category_stamped() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    IF TG_OP = 'UPDATE' AND OLD.parent_id IS DISTINCT FROM NEW.parent_id THEN
        NEW.moved_xid := pg_current_xact_id();
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER categories_stamped BEFORE INSERT OR UPDATE ON categories
    FOR EACH ROW EXECUTE FUNCTION cms_category_stamped();

-- Deleted categories and authors (kind 'category' or 'author'), stamped like article tombstones.
CREATE TABLE menu_tombstones (
    kind text NOT NULL,
    id uuid NOT NULL,
    change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    deleted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, id));
CREATE INDEX ix_menu_tombstones_change_xid ON menu_tombstones (change_xid);
CREATE INDEX ix_menu_tombstones_deleted_at ON menu_tombstones (deleted_at);

CREATE FUNCTION cms_menu_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO menu_tombstones (kind, id) VALUES (TG_ARGV[0], OLD.id)
    ON CONFLICT (kind, id) DO UPDATE SET change_xid = excluded.change_xid, deleted_at = excluded.deleted_at;
    RETURN OLD;
END $$;
CREATE TRIGGER categories_deleted AFTER DELETE ON categories
    FOR EACH ROW EXECUTE FUNCTION cms_menu_deleted('category');
CREATE TRIGGER authors_deleted AFTER DELETE ON authors
    FOR EACH ROW EXECUTE FUNCTION cms_menu_deleted('author');

-- An article leaving a category (moved elsewhere, or deleted): the latest time each pair parted. A filtered pass reports
-- a changed article outside its tree as deleted only when it parted from a category of the tree since the token (or
-- still sits in a category that moved), instead of reporting every change anywhere as a deletion to every section.
CREATE TABLE article_category_exits (
    article_id uuid NOT NULL,
    category_id uuid NOT NULL,
    change_xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    left_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, category_id));
CREATE INDEX ix_article_category_exits_left_at ON article_category_exits (left_at);

CREATE FUNCTION cms_article_left_category() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_category_exits (article_id, category_id) VALUES (OLD.article_id, OLD.category_id)
    ON CONFLICT (article_id, category_id) DO UPDATE SET change_xid = excluded.change_xid, left_at = excluded.left_at;
    RETURN OLD;
END $$;
CREATE TRIGGER article_categories_left AFTER DELETE ON article_categories
    FOR EACH ROW EXECUTE FUNCTION cms_article_left_category();
