using System.Collections.Concurrent;

namespace Cms.Api.ReadPath;

/// <summary>
/// NOTIFYs this instance's own writes will send, by backend process id: it advanced for them itself after commit. Claimed
/// at a transaction's first NOTICE (before commit, so the NOTIFY never comes first), released when nothing commits.
/// </summary>
public sealed class OwnNotifications
{
    private readonly ConcurrentDictionary<int, int> _claims = new();

    public void Claim(int processId) => _claims.AddOrUpdate(processId, 1, (_, n) => n + 1);

    public void Release(int processId) => TryConsume(processId);

    /// <summary>True when a notification from this backend was claimed (and the claim is used up).</summary>
    public bool TryConsume(int processId)
    {
        while (_claims.TryGetValue(processId, out var count))
        {
            if (count == 1 ? _claims.TryRemove(new KeyValuePair<int, int>(processId, 1)) : _claims.TryUpdate(processId, count - 1, count))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>After the listener reconnects: what was claimed may never arrive, and it advances anyway.</summary>
    public void Clear() => _claims.Clear();
}
