using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Cms.Benchmarks;

/// <summary>The service's memory around one scenario: resident before it, and the highest seen during it.</summary>
internal sealed record MemoryFigures(double BeforeMiB, double PeakMiB);

/// <summary>
/// The media library's scenarios that wrk cannot run as they are: uploads (multipart bodies) and first renditions
/// (every request a rendition never asked for before). The kept rendition is an ordinary wrk scenario.
/// </summary>
internal static class MediaScenarios
{
    /// <summary>The first admin the service makes on an empty users table (Cms:Bootstrap): uploads need a session.</summary>
    public const string AdminUsername = "bench-admin";

    /// <summary>A local benchmark database's password, not a secret: long enough for the Production check.</summary>
    public const string AdminPassword = "bench-admin-password-local";

    /// <summary>Every first rendition asks for about 800 px: 790 to 810, so each (item, width) is made once.</summary>
    private static readonly int[] Widths = [.. Enumerable.Range(790, 21)];

    public static async Task<string> SignInAsync(string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        using var response = await http.PostAsJsonAsync("/api/v1/sessions", new { username = AdminUsername, password = AdminPassword });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"Signing in as {AdminUsername} answered {(int)response.StatusCode}: the service creates that admin only when the users table is empty " +
                "(Cms:Bootstrap); this database has other users.");
        }

        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>
    /// <paramref name="clients"/> clients posting <paramref name="picture"/>; then what they uploaded is deleted again
    /// (through the API, 8 at a time), so the library stays at its size. Answers the load and how many were deleted.
    /// </summary>
    public static async Task<(HttpLoadResult Load, int Deleted)> UploadAsync(string baseUrl, string token, byte[] picture, int clients, int seconds)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var uploaded = new ConcurrentBag<Uri>();
        var load = await HttpLoad.RunAsync(clients, seconds, int.MaxValue, async _ =>
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(picture);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "bench-upload.jpg");
            // The mark a run's uploads carry, so the next run removes them should this one stop before deleting them.
            form.Add(new StringContent(MediaGenerator.UploadCredit), "credit");
            return (await http.PostAsync("/api/v1/media", form), picture.Length);
        }, response => uploaded.Add(response.Headers.Location!));

        var deleted = 0;
        await Parallel.ForEachAsync(uploaded, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (location, ct) =>
        {
            using var response = await http.DeleteAsync(location, ct);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref deleted);
            }
        });
        return (load, deleted);
    }

    /// <summary>
    /// <paramref name="clients"/> at once, each request a rendition not made before (the cache is emptied at the start of
    /// a run): 800 px WebP of the 12 MP items, widths 790–810. The peak is the kernel's high-water mark, started again
    /// for the scenario: exact, where the harness's 250 ms sampler could miss a peak shorter than one encode.
    /// </summary>
    public static async Task<(HttpLoadResult Load, MemoryFigures Memory)> FirstRenditionsAsync(ServiceProcess service, IReadOnlyList<BenchMedia> large,
        int clients, int seconds)
    {
        var urls = Widths.SelectMany(w => large.Select(item => $"{item.Url}?w={w}&format=webp")).ToList();
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var before = service.ResidentMiB;
        service.ResetHighWater();
        var load = await HttpLoad.RunAsync(clients, seconds, urls.Count, async i => (await http.GetAsync(urls[i]), 0));
        return (load, new MemoryFigures(before, service.HighWaterMiB));
    }

    /// <summary>The renditions readers ask for most: a list's thumbnail and an article page's picture, both WebP.</summary>
    public static readonly string[] KeptQueries = ["w=320&h=180&fit=cover&format=webp", "w=800&format=webp"];

    /// <summary>The kept rendition's url (<paramref name="query"/> of a library photo), asked for once so it is kept; and its size.</summary>
    public static async Task<(string Url, int Bytes)> KeepRenditionAsync(string baseUrl, BenchMedia item, string query)
    {
        var url = $"{item.Url}?{query}";
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var bytes = await http.GetByteArrayAsync(url);
        return (url, bytes.Length);
    }
}
