-- Ratings (Ratings/RatingBatcher.cs): a batch of ratings saved in one statement's work, each answered with the totals
-- right after its own vote, as if the batch's ratings had been saved one by one in the order given.
-- Totals move by the difference each rating makes, so they always agree with the rows and concurrent raters stay exact.
-- The first five columns are ArticleCounters.Columns (the article's counters after the whole batch). Idempotent
-- (CREATE OR REPLACE): a later migration may re-apply it.
--
-- Locks, all first and each kind in one order, so two batches (on any instances) never wait on each other in a circle:
-- an advisory lock per (article, rater), which lines up one rater racing themselves across transactions (the previous
-- score read below is then the latest), then the articles' stats rows. A batch holds no (article, rater) twice: the
-- caller sends a repeat in its next batch.
CREATE OR REPLACE FUNCTION cms_rate_batch(article_ids uuid[], rater_ids uuid[], by_users boolean[], scores smallint[], ats timestamptz[])
    RETURNS TABLE (article_id uuid, view_count bigint, rating_total bigint, rating_count int, change_count bigint,
        n bigint, answer_total bigint, answer_count int)
    LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    rater record;
BEGIN
    FOR rater IN
        SELECT r.article_id, r.rater_id, r.by_user FROM unnest(article_ids, rater_ids, by_users) AS r(article_id, rater_id, by_user)
        ORDER BY r.article_id, r.rater_id, r.by_user
    LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended(rater.article_id::text || rater.rater_id::text || rater.by_user::text, 7302));
    END LOOP;

    PERFORM 1 FROM article_stats s WHERE s.article_id = ANY (article_ids) ORDER BY s.article_id FOR UPDATE;

    RETURN QUERY
    WITH input AS (
        SELECT * FROM unnest(article_ids, rater_ids, by_users, scores, ats) WITH ORDINALITY AS i(article_id, rater_id, by_user, score, at, n)
    ), target AS (
        -- Only articles a reader sees now and that take ratings; the others answer nothing.
        SELECT i.*, r.score AS previous
        FROM input i
        JOIN articles a ON a.id = i.article_id
        LEFT JOIN ratings r ON r.article_id = i.article_id AND r.rater_id = i.rater_id AND r.by_user = i.by_user
        WHERE a.allow_rating AND cms_visible_to_readers(a.status, a.publish_at, a.expires_at, i.at)
    ), saved AS (
        INSERT INTO ratings (article_id, rater_id, by_user, score, created_at, updated_at)
        SELECT t.article_id, t.rater_id, t.by_user, t.score, t.at, t.at FROM target t
        ON CONFLICT (article_id, rater_id, by_user) DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at
    ), delta AS (
        SELECT t.n, t.article_id,
            t.score - coalesce(t.previous, 0) AS total,
            CASE WHEN t.previous IS NULL THEN 1 ELSE 0 END AS count,
            (t.score = 1)::int - (t.previous IS NOT DISTINCT FROM 1)::int AS d1,
            (t.score = 2)::int - (t.previous IS NOT DISTINCT FROM 2)::int AS d2,
            (t.score = 3)::int - (t.previous IS NOT DISTINCT FROM 3)::int AS d3,
            (t.score = 4)::int - (t.previous IS NOT DISTINCT FROM 4)::int AS d4,
            (t.score = 5)::int - (t.previous IS NOT DISTINCT FROM 5)::int AS d5
        FROM target t
    ), per_article AS (
        SELECT d.article_id, sum(d.total) AS total, sum(d.count) AS count,
            sum(d.d1) AS d1, sum(d.d2) AS d2, sum(d.d3) AS d3, sum(d.d4) AS d4, sum(d.d5) AS d5
        FROM delta d GROUP BY d.article_id
    ), updated AS (
        UPDATE article_stats s SET
            rating_total = s.rating_total + p.total,
            rating_count = s.rating_count + p.count,
            rating1 = s.rating1 + p.d1, rating2 = s.rating2 + p.d2, rating3 = s.rating3 + p.d3,
            rating4 = s.rating4 + p.d4, rating5 = s.rating5 + p.d5
        FROM per_article p
        WHERE s.article_id = p.article_id
        RETURNING s.article_id, s.view_count, s.rating_total, s.rating_count, s.change_count, p.total AS batch_total, p.count AS batch_count
    ), running AS (
        SELECT d.n, d.article_id,
            sum(d.total) OVER (PARTITION BY d.article_id ORDER BY d.n) AS total,
            sum(d.count) OVER (PARTITION BY d.article_id ORDER BY d.n) AS count
        FROM delta d
    )
    -- Each rating's answer: the totals before the batch, plus this article's ratings up to and including it.
    SELECT u.article_id, u.view_count, u.rating_total, u.rating_count, u.change_count, r.n,
        (u.rating_total - u.batch_total + r.total)::bigint, (u.rating_count - u.batch_count + r.count)::int
    FROM running r JOIN updated u ON u.article_id = r.article_id
    ORDER BY r.n;
END $$;
