-- Search: case and accents folded ("duc vuong" finds "Đức Vương"), weighted by where a word stands.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION cms_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN public.unaccent('public.unaccent'::regdictionary, $1);

-- Title weighs most (A), then summary (B), then the body's text with tags and entities taken out (C).
-- 'simple' lowercases without stemming: there is no Vietnamese stemmer, and its words are short and unchanging.
CREATE OR REPLACE FUNCTION cms_article_search(title text, summary text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('simple'::regconfig, cms_unaccent(coalesce(title, ''))), 'A')
        || setweight(to_tsvector('simple'::regconfig, cms_unaccent(coalesce(summary, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig,
            cms_unaccent(regexp_replace(coalesce(body, ''), '<[^>]*>|&[#a-zA-Z0-9]+;', ' ', 'g'))), 'C');

-- The service builds the query text from letters and digits only (ArticleSearch), so it is always valid.
CREATE OR REPLACE FUNCTION cms_search_query(text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN to_tsquery('simple'::regconfig, cms_unaccent($1));

-- What a search's WHERE reads (articles.search_words): every word without positions or weights, and every word's
-- beginnings up to 16 letters as words of their own ending in '*' ("giao" adds 'g*', 'gi*', 'gia*', 'giao*'). A search's
-- last word, a prefix (type-ahead), is then one entry of the index instead of the union of every word it begins, which
-- was most of a first-time search's cost (BENCHMARKS.md, session 14). Positions and weights stay in search_vector,
-- which ranks.
CREATE OR REPLACE FUNCTION cms_search_words(title text, summary text, body text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT words || coalesce((
            SELECT array_to_tsvector(array_agg(left(word, n) || '*'))
            FROM unnest(tsvector_to_array(words)) AS word, generate_series(1, least(length(word), 16)) AS n), ''::tsvector)
        FROM strip(cms_article_search(title, summary, body)) AS words);

-- cms_search_query's words for search_words: a prefix of at most 16 letters becomes its '*' word ('gi':* → 'gi*');
-- a longer one stays a prefix match, which search_words also answers (slower, and rare).
CREATE OR REPLACE FUNCTION cms_search_words_query(text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(cms_search_query($1)::text, '''([^'']{1,16})'':\*', '''\1*''', 'g')::tsquery;
