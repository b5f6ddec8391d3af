using System.Collections.Concurrent;

namespace Cms.Api.ReadPath;

/// <summary>
/// NOTIFYs this instance's own writes send, by backend process id: it advances for those itself after commit, so the
/// listener skips them. A write's NOTICE claims its NOTIFY; a NOTIFY heard before its NOTICE was handled leaves a credit
/// the claim then uses up. A mistake can only cost an extra advance (a cache miss), never a skipped one.
/// </summary>
public sealed class OwnNotifications
{
    private readonly ConcurrentDictionary<int, int> _claims = new();
    private readonly ConcurrentDictionary<int, int> _credits = new();
    private readonly ConcurrentDictionary<int, byte> _ours = new();

    /// <summary>A backend this instance's connections use (their writes' NOTIFYs may race their NOTICEs).</summary>
    public void Ours(int processId) => _ours.TryAdd(processId, 0);

    public void Claim(int processId)
    {
        if (!TryTake(_credits, processId))
        {
            _claims.AddOrUpdate(processId, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Nothing committed (or it is unknown): no NOTIFY is sure to come for this claim.</summary>
    public void Release(int processId) => TryTake(_claims, processId);

    /// <summary>True when a notification from this backend was claimed; else false, and a credit if the backend is ours.</summary>
    public bool TryConsume(int processId)
    {
        if (TryTake(_claims, processId))
        {
            return true;
        }

        if (_ours.ContainsKey(processId))
        {
            _credits.AddOrUpdate(processId, 1, (_, n) => n + 1);
        }

        return false;
    }

    /// <summary>After the listener reconnects: what was claimed may never arrive, and it advances anyway.</summary>
    public void Clear()
    {
        _claims.Clear();
        _credits.Clear();
    }

    private static bool TryTake(ConcurrentDictionary<int, int> counts, int processId)
    {
        while (counts.TryGetValue(processId, out var count))
        {
            if (count == 1 ? counts.TryRemove(new KeyValuePair<int, int>(processId, 1)) : counts.TryUpdate(processId, count - 1, count))
            {
                return true;
            }
        }

        return false;
    }
}
