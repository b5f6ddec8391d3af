namespace Cms.Api.Infrastructure.Http;

internal static class ClientAddress
{
    /// <summary>The address limits and throttles count against.</summary>
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
