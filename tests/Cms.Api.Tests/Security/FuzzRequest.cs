using System.Text;

namespace Cms.Api.Tests.Security;

/// <summary>One generated request; printed as a curl-like line when a property fails, so it can be replayed by hand.</summary>
public sealed record FuzzRequest(string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage(string? adminToken)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value.Replace("$ADMIN", adminToken ?? "", StringComparison.Ordinal));
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {Clip(Url)}");
        foreach (var (name, value) in Headers)
        {
            text.Append($" -H '{name}: {Clip(value)}'");
        }

        if (Body is not null)
        {
            text.Append($" ({ContentType ?? "no type"}, {Body.Length} bytes) {Clip(Encoding.UTF8.GetString(Body))}");
        }

        return text.ToString();
    }

    private static string Clip(string s) => s.Length > 300 ? s[..300] + $"…[{s.Length} chars]" : s;
}
