namespace Cms.Api.Infrastructure.OpenApi;

/// <summary>An example of a request body (<see cref="Status"/> null) or of an answer, serialized as the service writes JSON.</summary>
public sealed record ExampleDoc(int? Status, object Value);

public static class ExampleDocExtensions
{
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ExampleDoc(null, example));

    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int status, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ExampleDoc(status, example));
}
