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
