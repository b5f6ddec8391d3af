using System.Collections.Concurrent;

namespace Cms.Api.Infrastructure.Http;

/// <summary>
/// Cancels the work of a request whose client hung up from a dedicated thread, never the thread pool: Npgsql's cancel
/// is a synchronous new connection inside the token's callback, and many at once stalled every request (BENCHMARKS.md).
/// </summary>
public sealed class AbortedRequestCanceller : IDisposable
{
    private readonly BlockingCollection<CancellationTokenSource> _pending = new();
    private readonly ILogger<AbortedRequestCanceller> _logger;
    private readonly Thread _thread;

    public AbortedRequestCanceller(ILogger<AbortedRequestCanceller> logger)
    {
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "Cms aborted-request canceller" };
        _thread.Start();
    }

    /// <summary>A token cancelled (on the relay's thread) when <paramref name="aborted"/> is; the registration ends with the request.</summary>
    public (CancellationToken Token, CancellationTokenRegistration Registration) Relay(CancellationToken aborted)
    {
        var relayed = new CancellationTokenSource();
        var registration = aborted.UnsafeRegister(static (state, _) =>
        {
            var (relay, source) = ((AbortedRequestCanceller, CancellationTokenSource))state!;
            relay.Enqueue(source);
        }, (this, relayed));
        return (relayed.Token, registration);
    }

    public void Dispose()
    {
        _pending.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Enqueue(CancellationTokenSource source)
    {
        try
        {
            _pending.Add(source);
        }
        catch (InvalidOperationException)
        {
            // Shutting down, the relay's thread is gone: deliver the cancel here.
            Cancel(source);
        }
    }

    private void Run()
    {
        foreach (var source in _pending.GetConsumingEnumerable())
        {
            Cancel(source);
        }
    }

    private void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (Exception e)
        {
            // A callback's failure belongs to the request that registered it, which is ending anyway; the relay goes on.
            _logger.LogDebug(e, "A callback failed while a hung-up request was cancelled.");
        }
    }
}

internal static class AbortedRequestCancellerSetup
{
    /// <summary>
    /// From here on, <see cref="HttpContext.RequestAborted"/> is the relay's token. Placed after the cached-article fast
    /// path, which does no database work and should not pay for a token.
    /// </summary>
    public static IApplicationBuilder UseAbortedRequestCanceller(this IApplicationBuilder app)
    {
        var relay = app.ApplicationServices.GetRequiredService<AbortedRequestCanceller>();
        return app.Use(async (context, next) =>
        {
            if (!context.RequestAborted.CanBeCanceled)
            {
                await next(context);
                return;
            }

            var (token, registration) = relay.Relay(context.RequestAborted);
            context.RequestAborted = token;
            try
            {
                await next(context);
            }
            finally
            {
                await registration.DisposeAsync();
            }
        });
    }
}
