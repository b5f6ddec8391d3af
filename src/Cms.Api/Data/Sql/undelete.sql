-- Undelete (Revisions/UndeleteArticle.cs) inserts a deleted article again under its own id. Sync has already reported
-- it deleted by its tombstone (sync_stamps.sql); from now on the row itself carries that duty: it counts as ever
-- published, so while it is a draft a delta pass reports it deleted, and once published it arrives as an item. The
-- tombstone goes in the same statement, so no pass can see the id twice (once deleted, once visible).
-- Named to fire after articles_changed (BEFORE triggers run in name order), whose OR it must not undo.
CREATE OR REPLACE FUNCTION cms_article_returned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM article_tombstones WHERE article_id = NEW.id;
    IF FOUND THEN
        NEW.ever_published := true;
    END IF;
    RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER articles_returned BEFORE INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION cms_article_returned();
