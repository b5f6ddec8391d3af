using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Cms.Api.Tests.Infrastructure;

namespace Cms.Api.Tests.Security;

/// <summary>Limits only a real server has: bodies over the limit however sent, nesting, and clients that drip bytes.</summary>
public sealed class KestrelLimitTests : ApiTest
{
    protected override bool OnKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cms:Http:MaxRequestBodyBytes"] = "65536",
        ["Cms:Http:RequestHeadersTimeoutSeconds"] = "2",
        ["Cms:Http:MinRequestBodyGraceSeconds"] = "2",
    };

    [Test]
    public async Task ADeclaredBodyOverTheLimitIs413BeforeItIsRead()
    {
        using var content = new ByteArrayContent(new byte[70_000]);
        content.Headers.ContentType = new("application/json");
        using var response = await Client.PostAsync("/api/v1/sessions", content);
        await AssertProblemAsync(response, 413, "payload_too_large");
    }

    [Test]
    public async Task AChunkedBodyOverTheLimitIs413WhileItIsRead()
    {
        // No Content-Length: the server only learns the size by reading, and must stop at the limit.
        var json = "{\"username\":\"" + new string('a', 200_000) + "\",\"password\":\"x\"}";
        using var content = new StreamContent(new NoLengthStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await Client.SendAsync(request);
        await AssertProblemAsync(response, 413, "payload_too_large");
    }

    [Test]
    public async Task JsonNestedPastTheLimitIs400()
    {
        var token = await SignInAsAdminAsync();
        var nested = new string('[', 64) + new string(']', 64);
        using var request = Request(HttpMethod.Post, "/api/v1/categories", token);
        request.Content = new StringContent($"{{\"name\":\"x\",\"description\":{nested}}}", Encoding.UTF8, "application/json");
        using var response = await Client.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(400), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task ABodyDrippedSlowerThanTheMinimumRateIsCutOff()
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{\"username\":\""));
        // The drip stays inside a JSON string, so the body is never wrong, only slow.
        var (cutOffAfter, answer) = await DripUntilCutOffAsync(stream);
        TestContext.Out.WriteLine($"cut off after {cutOffAfter.TotalMilliseconds:0} ms: {answer.Split("\r\n")[0]}");
        Assert.That(cutOffAfter, Is.LessThan(TimeSpan.FromSeconds(8)));
        Assert.That(answer, Does.StartWith("HTTP/1.1 408").Or.Empty, "a 408 or a closed connection, nothing else");
    }

    [Test]
    public async Task HeadersDrippedPastTheTimeoutAreCutOff()
    {
        using var socket = await ConnectAsync();
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/v1/articles HTTP/1.1\r\nHost: localhost\r\nX-Slow: "));
        var (cutOffAfter, answer) = await DripUntilCutOffAsync(stream);
        TestContext.Out.WriteLine($"cut off after {cutOffAfter.TotalMilliseconds:0} ms: {answer.Split("\r\n")[0]}");
        Assert.That(cutOffAfter, Is.LessThan(TimeSpan.FromSeconds(6)));
        Assert.That(answer, Does.Not.StartWith("HTTP/1.1 200"));
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var socket = new TcpClient();
        await socket.ConnectAsync(App.Address.Host, App.Address.Port);
        return socket;
    }

    /// <summary>Sends a byte every 250 ms until the server answers or hangs up; returns how long that took and what it said.</summary>
    private static async Task<(TimeSpan, string)> DripUntilCutOffAsync(NetworkStream stream)
    {
        var clock = Stopwatch.StartNew();
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (await Task.WhenAny(read, Task.Delay(250)) == read)
            {
                break;
            }

            try
            {
                await stream.WriteAsync("a"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }
        }

        var count = await read.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : 0, TaskScheduler.Default);
        return (clock.Elapsed, Encoding.ASCII.GetString(buffer, 0, count));
    }

    /// <summary>A stream that will not say how long it is, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
