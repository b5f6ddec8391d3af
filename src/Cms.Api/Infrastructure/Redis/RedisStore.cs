using StackExchange.Redis;

namespace Cms.Api.Infrastructure.Redis;

/// <summary>
/// The Redis the instances of one deployment share (<c>Cms:Redis:Configuration</c>, or <c>ConnectionStrings:Redis</c>: a
/// StackExchange.Redis configuration string such as <c>127.0.0.1:6379</c>); null when neither is set. Connected at first
/// use and never fatal: while Redis is away, commands fail fast and the multiplexer reconnects by itself.
/// </summary>
public sealed class RedisStore : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? _connection;

    public RedisStore(IConfiguration configuration)
    {
        var setting = configuration["Cms:Redis:Configuration"] is { Length: > 0 } configured ? configured : configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(setting))
        {
            return;
        }

        var options = ConfigurationOptions.Parse(setting);
        // A limiter waits on every limited request: a Redis that does not answer must cost little, not the 5 s default.
        options.AbortOnConnectFail = false;
        if (!setting.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 1000;
        }

        if (!setting.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = 500;
            options.SyncTimeout = 500;
        }

        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    public bool IsConfigured => _connection is not null;

    /// <summary>The database to run commands on; only when <see cref="IsConfigured"/>.</summary>
    public IDatabase Database => _connection!.Value.GetDatabase();

    public void Dispose()
    {
        if (_connection is { IsValueCreated: true })
        {
            _connection.Value.Dispose();
        }
    }
}
