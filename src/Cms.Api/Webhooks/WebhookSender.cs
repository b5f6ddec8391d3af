using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cms.Api.Feeds;
using Cms.Api.Infrastructure;
using Microsoft.Extensions.Options;

namespace Cms.Api.Webhooks;

/// <summary>What one attempt came to.</summary>
internal sealed record AttemptOutcome(string Status, int? StatusCode, int DurationMs, string? ResponseBody, string? Error, TimeSpan? RetryAfter)
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Refused = "refused";
}

/// <summary>A claimed message with what sending it takes.</summary>
internal sealed record ClaimedMessage(Guid MessageId, Guid WebhookId, Guid EventId, int Attempts, string Url, string Secret, string Type,
    DateTimeOffset OccurredAt, string Data);

/// <summary>
/// Sends one attempt: the Standard Webhooks request (signed body, webhook-id = the event's id), never following a
/// redirect, through <see cref="WebhookTargets.ConnectAsync"/> (the address check at connect time), within the timeout,
/// keeping the first KiB of the answer for the log.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const int ResponseExcerptBytes = 1024;

    private static readonly JsonSerializerOptions PayloadJson = CreatePayloadJson();
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly SiteOptions _site;

    public WebhookSender(WebhookTargets targets, IOptions<WebhookOptions> options, IOptions<SiteOptions> site)
    {
        _timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        _site = site.Value;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would connect on our behalf, past the address check.
            UseProxy = false,
            ConnectCallback = targets.ConnectAsync,
            ConnectTimeout = _timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Cms-Webhooks", "1"));
    }

    /// <summary>The request body: <c>{ id, type, occurredAt, data }</c>, the article's public url filled in from the site's template.</summary>
    public byte[] Body(ClaimedMessage message)
    {
        var data = JsonNode.Parse(message.Data)!.AsObject();
        if (data["article"] is JsonObject article)
        {
            var id = Guid.Parse(article["id"]!.GetValue<string>());
            article["url"] = _site.ArticleUrl(id, article["slug"]!.GetValue<string>());
        }

        return JsonSerializer.SerializeToUtf8Bytes(new Payload(message.EventId, message.Type, message.OccurredAt, data), PayloadJson);
    }

    public async Task<AttemptOutcome> SendAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        var body = Body(message);
        var id = message.EventId.ToString();
        // The wire's timestamp is the real clock's: receivers check it against their own to refuse replays.
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(message.Secret, id, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ExcerptAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            return new AttemptOutcome(status is >= 200 and < 300 ? AttemptOutcome.Delivered : AttemptOutcome.Failed, status, Elapsed(clock), excerpt,
                status is >= 300 and < 400 ? "Redirects are not followed." : null, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(AttemptOutcome.Failed, null, Elapsed(clock), null, $"No answer within {_timeout.TotalSeconds:0} s.", null);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            return new AttemptOutcome(AttemptOutcome.Refused, null, Elapsed(clock), null, refused.Message, null);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(AttemptOutcome.Failed, null, Elapsed(clock), null, Trim(e.Message), null);
        }
    }

    private static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[ResponseExcerptBytes];
        var read = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }
        }
        catch (IOException)
        {
            // The status is what counts; a body cut short is still an excerpt.
        }

        // PostgreSQL text holds no NUL; a cut multi-byte character decodes as U+FFFD.
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read).Replace('\0', '\uFFFD');
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - TimeProvider.System.GetUtcNow(),
        _ => null,
    };

    private static int Elapsed(Stopwatch clock) => (int)Math.Min(int.MaxValue, clock.ElapsedMilliseconds);

    private static string Trim(string text) => text.Length <= 500 ? text : text[..500];

    private static JsonSerializerOptions CreatePayloadJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        return options;
    }

    public void Dispose() => _http.Dispose();

    private sealed record Payload(Guid Id, string Type, DateTimeOffset OccurredAt, JsonObject Data);
}
