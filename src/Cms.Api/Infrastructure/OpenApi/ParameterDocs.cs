namespace Cms.Api.Infrastructure.OpenApi;

/// <summary>
/// What a parameter means to a client, and the values it takes when they are a fixed set. Endpoint metadata, so a group
/// can describe the parameters all its endpoints share; only parameters an operation has are touched.
/// </summary>
public sealed record ParameterDoc(string Name, string Description, IReadOnlyList<string>? Values = null);

public static class ParameterDocExtensions
{
    public static TBuilder DescribeParameter<TBuilder>(this TBuilder builder, string name, string description, IReadOnlyList<string>? values = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ParameterDoc(name, description, values));
}
