namespace Cms.Api.Media.Renditions;

/// <summary>
/// Renditions kept as files under one folder within a size limit, least recently used evicted first. Sizes and order are
/// kept in memory, rebuilt from the folder at start (by modification time, which a hit moves forward).
/// </summary>
public sealed class RenditionCache
{
    private const string PartialSuffix = ".partial";

    /// <summary>A hit moves the file's time at most this often, so reads do not become writes.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly string _root;
    private readonly long _maxBytes;
    private readonly Lock _lock = new();
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public RenditionCache(string root, long maxBytes)
    {
        _root = root;
        _maxBytes = maxBytes;
        Directory.CreateDirectory(root);
        var files = new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        foreach (var file in files.Where(f => f.Name.EndsWith(PartialSuffix, StringComparison.Ordinal)))
        {
            // Left by a write that never finished (the process stopped): never served.
            file.Delete();
        }

        foreach (var file in files.Where(f => !f.Name.EndsWith(PartialSuffix, StringComparison.Ordinal)).OrderByDescending(f => f.LastWriteTimeUtc))
        {
            var key = Path.GetRelativePath(root, file.FullName).Replace('\\', '/');
            _entries[key] = _recency.AddLast(new Entry(key, file.Length) { TouchedAt = file.LastWriteTimeUtc });
            _bytes += file.Length;
        }
    }

    /// <summary>Bytes of renditions kept now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>The kept rendition, opened (an eviction meanwhile cannot take it away), or null.</summary>
    public Stream? TryOpen(string key)
    {
        Entry entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            entry = node.Value;
        }

        var path = PathOf(key);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed by someone else (an operator clearing the folder): forgotten, to be made again.
            Forget(key, entry);
            return null;
        }

        var now = DateTime.UtcNow;
        if (now - entry.TouchedAt > TouchEvery)
        {
            entry.TouchedAt = now;
            try
            {
                // Only the order a restart rebuilds: an eviction meanwhile (the stream is open already) costs nothing.
                File.SetLastWriteTimeUtc(path, now);
            }
            catch (IOException)
            {
            }
        }

        return stream;
    }

    public async Task PutAsync(string key, byte[] bytes, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + "." + Guid.NewGuid().ToString("N") + PartialSuffix;
        await File.WriteAllBytesAsync(partial, bytes, cancellationToken);
        File.Move(partial, path, overwrite: true);
        List<string> evicted = [];
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
                _bytes -= old.Value.Bytes;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, bytes.Length) { TouchedAt = DateTime.UtcNow });
            _bytes += bytes.Length;
            // The one just made stays even alone over the limit: it is about to be read.
            while (_bytes > _maxBytes && _recency.Last is { } last && last != _recency.First)
            {
                _recency.RemoveLast();
                _entries.Remove(last.Value.Key);
                _bytes -= last.Value.Bytes;
                evicted.Add(last.Value.Key);
            }
        }

        foreach (var gone in evicted)
        {
            File.Delete(PathOf(gone));
        }
    }

    /// <summary>Removes every rendition of one media item (it was deleted): their keys start with its id's folder.</summary>
    public void RemoveItem(Guid mediaId)
    {
        var prefix = mediaId.ToString("N") + "/";
        List<string> gone;
        lock (_lock)
        {
            gone = [.. _entries.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))];
        }

        foreach (var key in gone)
        {
            Forget(key);
            File.Delete(PathOf(key));
        }
    }

    /// <summary>Forgets <paramref name="key"/>, only while it still holds <paramref name="entry"/> (when given): a newer one stays.</summary>
    private void Forget(string key, Entry? entry = null)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && (entry is null || ReferenceEquals(node.Value, entry)))
            {
                _entries.Remove(key);
                _recency.Remove(node);
                _bytes -= node.Value.Bytes;
            }
        }
    }

    private string PathOf(string key) => Path.Combine(_root, key);

    private sealed record Entry(string Key, long Bytes)
    {
        public DateTime TouchedAt { get; set; }
    }
}
