using System.Security.Cryptography;
using System.Text;

namespace Cms.Api.Sessions;

internal static class SessionToken
{
    /// <summary>Longer than any token this service issues; anything longer is refused before hashing.</summary>
    public const int MaxLength = 128;

    /// <summary>256 random bits, URL-safe.</summary>
    public static string New() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static class Base64Url
    {
        public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
