using System.Globalization;
using System.Text;

namespace Cms.Api.Content;

/// <summary>
/// A search (of articles, of the media library) reduced to words of letters and digits, all required, the last a prefix (type-ahead): quotes and
/// operators are separators, so typed text is only ever text. PostgreSQL folds case and accents (cms_search_query).
/// </summary>
public sealed record TextSearch(IReadOnlyList<string> Words)
{
    public const int MaxLength = 200;
    public const int MaxWords = 16;

    public string Text => string.Join(' ', Words);

    /// <summary>All words, the last as a prefix: <c>khoa &amp; giao:*</c>.</summary>
    public string Query => Build(weight: "");

    /// <summary>The same words all found in the title (weight A): what ranks first under <c>sort=relevance</c>.</summary>
    public string TitleQuery => Build(weight: "A");

    /// <summary>Null when there is nothing to search: no <c>q</c>, or only blanks.</summary>
    public static TextSearch? Parse(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return null;
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in q.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return new TextSearch(words);

        void Flush()
        {
            if (word.Length > 0 && words.Count < MaxWords)
            {
                words.Add(word.ToString());
            }

            word.Clear();
        }
    }

    private string Build(string weight)
    {
        var last = Words.Count - 1;
        return string.Join(" & ", Words.Select((w, i) => i == last ? $"{w}:*{weight}" : weight.Length > 0 ? $"{w}:{weight}" : w));
    }
}
