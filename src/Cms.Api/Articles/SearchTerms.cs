using NpgsqlTypes;

namespace Cms.Api.Articles;

/// <summary>
/// A search's tsqueries, folded by PostgreSQL once per request (cms_search_query and cms_search_words_query, its unaccent)
/// and then passed to each query as values. Written as a call on the request's text instead, a prepared statement's
/// generic plan folded that text again for every row it tested: 15 ms to walk 68 rows where the value takes 0.25 ms
/// (BENCHMARKS.md, session 15).
/// </summary>
internal sealed record SearchTerms(NpgsqlTsQuery Vector, NpgsqlTsQuery Words, NpgsqlTsQuery Title);
