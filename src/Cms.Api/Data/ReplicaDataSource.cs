using Npgsql;

namespace Cms.Api.Data;

/// <summary>
/// The streaming replica anonymous reads may use (<c>ConnectionStrings:CmsReplica</c>): typically HAProxy's replica port
/// of the Patroni recipe, or an Npgsql multi-host string with <c>Target Session Attributes=prefer-standby</c>. Null when
/// not configured: everything reads the primary.
/// </summary>
public sealed class ReplicaDataSource(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<NpgsqlDataSource?> _source = new(() =>
        configuration.GetConnectionString("CmsReplica") is { Length: > 0 } connectionString ? DatabaseSetup.DataSource(connectionString) : null);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("CmsReplica"));

    public NpgsqlDataSource? Source => _source.Value;

    public void Dispose()
    {
        if (_source.IsValueCreated)
        {
            _source.Value?.Dispose();
        }
    }
}
