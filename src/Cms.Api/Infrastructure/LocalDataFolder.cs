using System.Security.Cryptography;
using System.Text;

namespace Cms.Api.Infrastructure;

/// <summary>
/// Where a service that was given no paths keeps its local data (the private PostgreSQL, media, renditions): one folder
/// per checkout, outside it (a checkout under /root is closed to the postgres user a root process must run the server
/// as), somewhere that survives reboots: /var/tmp/cms for root, the user's local data folder otherwise.
/// </summary>
public static class LocalDataFolder
{
    public static string For(string contentRoot, string name)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(contentRoot)))[..12].ToLowerInvariant();
        var root = Environment.IsPrivilegedProcess
            ? "/var/tmp/cms"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "cms");
        return Path.Combine(root, $"{name}-{key}");
    }
}
