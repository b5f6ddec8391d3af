-- Counters (ReadPath/ArticleCounters.cs): every write of an article's stats row is stamped with its transaction id,
-- so each instance's refresh asks only for what changed since its last look, and numbered, so a counter read late
-- never replaces a newer one. Outside the EF model on purpose: article_stats.change_xid and change_count.
ALTER TABLE article_stats ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE article_stats ADD COLUMN change_count bigint NOT NULL DEFAULT 0;
CREATE INDEX ix_article_stats_change_xid ON article_stats (change_xid);

CREATE FUNCTION cms_article_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_xid := pg_current_xact_id();
    NEW.change_count := OLD.change_count + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER article_stats_changed BEFORE UPDATE ON article_stats
    FOR EACH ROW EXECUTE FUNCTION cms_article_stats_changed();
