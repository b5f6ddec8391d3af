using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Cms.Benchmarks;

/// <summary>What a closed loop of clients got: answers counted by status, bytes sent and received, latencies (ms).</summary>
internal sealed record HttpLoadResult(int Ok, IReadOnlyDictionary<HttpStatusCode, int> Failures, long BytesSent, long BytesReceived, double Seconds,
    double P50, double P95, double P99, bool RanOut)
{
    public double PerSecond => Ok / Seconds;

    public int Errors => Failures.Values.Sum();

    public string FailureText => Errors == 0 ? "" : string.Join(", ", Failures.Select(f => $"{(int)f.Key}: {f.Value}"));
}

/// <summary>
/// Clients each sending its next request as soon as the last is answered, for a time:
/// for bodies wrk would need a Lua script to build (multipart uploads) and for requests that must each be different
/// (first renditions), where a handful per second are expected and HttpClient's own cost does not matter.
/// </summary>
internal static class HttpLoad
{
    /// <summary>
    /// Runs <paramref name="send"/> with request numbers 0, 1, 2, … shared by all clients, until the time is up or
    /// <paramref name="limit"/> requests were sent; <paramref name="send"/> answers the response and the bytes it sent,
    /// <paramref name="succeeded"/> is shown each successful response (its body read).
    /// </summary>
    public static async Task<HttpLoadResult> RunAsync(int clients, int seconds, int limit, Func<int, Task<(HttpResponseMessage Response, long Sent)>> send,
        Action<HttpResponseMessage>? succeeded = null)
    {
        var next = -1;
        var ok = 0;
        long sent = 0, received = 0;
        var failures = new ConcurrentDictionary<HttpStatusCode, int>();
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int number;
            while (clock.Elapsed < until && (number = Interlocked.Increment(ref next)) < limit)
            {
                var started = clock.Elapsed;
                var (response, bytes) = await send(number);
                using (response)
                {
                    var body = await response.Content.ReadAsByteArrayAsync();
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    Interlocked.Add(ref sent, bytes);
                    Interlocked.Add(ref received, body.Length);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ok);
                        succeeded?.Invoke(response);
                    }
                    else
                    {
                        failures.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    }
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        return new HttpLoadResult(ok, failures, sent, received, elapsed, Percentile(0.50), Percentile(0.95), Percentile(0.99), next >= limit);
    }
}
