namespace Cms.Api.Sessions;

/// <summary>Marks endpoints whose calls must not count as activity (polling how long is left, or ending the session).</summary>
internal sealed class NotSessionActivity
{
    public static readonly NotSessionActivity Instance = new();
}

internal static class SessionActivity
{
    public static TBuilder DoesNotCountAsActivity<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(NotSessionActivity.Instance);
}
