namespace Cms.Api.Media.Storage;

/// <summary>What every store accepts as a key: made by the service, so anything else is a bug, not a path to follow.</summary>
internal static class MediaKey
{
    /// <summary>Letters, digits, '-' and '/', not starting with '/' and without an empty segment.</summary>
    public static string Checked(string key)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '/')) || key.Contains("//", StringComparison.Ordinal) || key[0] == '/' || key[^1] == '/')
        {
            throw new ArgumentException($"Not a media store key: '{key}'.", nameof(key));
        }

        return key;
    }
}
