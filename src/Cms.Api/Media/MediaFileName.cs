using System.Globalization;
using System.Text;

namespace Cms.Api.Media;

/// <summary>
/// An uploaded file's name made safe to store, to put in a URL and a Content-Disposition: the last path segment only,
/// no control or reserved characters, Vietnamese letters kept (NFC), and the extension of what the file really is.
/// </summary>
public static class MediaFileName
{
    public const int MaxLength = 120;

    private static readonly string[] ImageExtensions = ["jpg", "jpeg", "jpe", "png", "gif", "webp", "avif", "heic", "heif"];

    public static string Clean(string? uploaded, string extension)
    {
        var name = (uploaded ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Normalize(NormalizationForm.FormC);
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned || "\"*:<>?|%#&+;=[]{}^`~".Contains(c))
            {
                continue;
            }

            kept.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        var stem = string.Join('-', kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var dot = stem.LastIndexOf('.');
        if (dot > 0 && ImageExtensions.Contains(stem[(dot + 1)..].ToLowerInvariant()))
        {
            stem = stem[..dot];
        }

        stem = stem.Trim('.', '-');
        if (stem.Length > MaxLength)
        {
            stem = stem[..MaxLength];
        }

        return (stem.Length == 0 ? "image" : stem) + "." + extension;
    }

    /// <summary>Where readers fetch the item's file: <c>/media/{id}/{fileName}</c>, the name escaped.</summary>
    public static string Url(Guid id, string fileName) => $"/media/{id}/{Uri.EscapeDataString(fileName)}";
}
