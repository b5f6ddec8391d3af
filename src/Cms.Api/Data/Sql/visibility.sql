-- "Visible to readers", for SQL: published, its publishAt reached, its expiresAt not. The same rule for LINQ is
-- ArticleVisibility (Data/ArticleVisibility.cs); change both together. A plain SQL function, so the planner inlines it.
CREATE OR REPLACE FUNCTION cms_visible_to_readers(status text, publish_at timestamptz, expires_at timestamptz, at timestamptz)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT status = 'published' AND publish_at <= at AND (expires_at IS NULL OR expires_at > at) $$;
