-- The media library is searched like articles (search.sql): accents folded, alt and caption weighing most.
CREATE OR REPLACE FUNCTION cms_media_search(file_name text, alt text, caption text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN setweight(to_tsvector('simple'::regconfig, cms_unaccent(coalesce(alt, '') || ' ' || coalesce(caption, ''))), 'A')
        || setweight(to_tsvector('simple'::regconfig, cms_unaccent(regexp_replace(coalesce(file_name, ''), '[._-]+', ' ', 'g'))), 'B');
