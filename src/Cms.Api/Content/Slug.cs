using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cms.Api.Content;

/// <summary>URL slugs the way readers of Vietnamese expect: "Đồng chí Trần Đức Vương" → "dong-chi-tran-duc-vuong".</summary>
public static partial class Slug
{
    public const int MaxLength = 120;

    /// <summary>
    /// Folds every letter to ASCII (đ/Đ by hand: it is a letter of its own, not d with a mark, so Unicode
    /// decomposition leaves it alone), lower-cases, and joins the words with single hyphens. Precomposed and
    /// combining input give the same slug. Null when nothing of the text survives.
    /// </summary>
    public static string? From(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(Math.Min(decomposed.Length, MaxLength + 16));
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c switch
            {
                'đ' or 'Đ' => 'd',
                >= 'A' and <= 'Z' => char.ToLowerInvariant(c),
                >= 'a' and <= 'z' or >= '0' and <= '9' => c,
                _ => '\0',
            };
            if (folded == '\0')
            {
                pendingHyphen = slug.Length > 0;
                continue;
            }

            if (pendingHyphen)
            {
                slug.Append('-');
                pendingHyphen = false;
            }

            slug.Append(folded);
            if (slug.Length >= MaxLength + 16)
            {
                break;
            }
        }

        return slug.Length == 0 ? null : Truncate(slug.ToString());
    }

    public static bool IsValid(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    /// <summary>"name", "name-2", "name-3", ...: the first that <paramref name="taken"/> lacks, still within the length bound.</summary>
    public static string FirstFree(string baseSlug, IReadOnlySet<string> taken)
    {
        if (!taken.Contains(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = Truncate(baseSlug, MaxLength - suffix.Length) + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Cuts at a word boundary when one is near, so a slug does not end in half a word.</summary>
    private static string Truncate(string slug, int max = MaxLength)
    {
        if (slug.Length <= max)
        {
            return slug;
        }

        var cut = slug[..max];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > max / 2 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
