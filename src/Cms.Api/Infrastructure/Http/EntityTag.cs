namespace Cms.Api.Infrastructure.Http;

/// <summary>ETags are the resource's version, quoted; a URL names the resource, so the version alone is enough.</summary>
public static class EntityTag
{
    public static string For(int version) => $"\"{version}\"";

    public static void Set(HttpContext context, int version) => context.Response.Headers.ETag = For(version);
}
