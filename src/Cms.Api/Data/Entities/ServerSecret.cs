namespace Cms.Api.Data.Entities;

/// <summary>A random secret created once per database, so every instance on that database signs alike with no configuration.</summary>
public sealed class ServerSecret
{
    public required string Name { get; set; }

    public required byte[] Value { get; set; }
}
