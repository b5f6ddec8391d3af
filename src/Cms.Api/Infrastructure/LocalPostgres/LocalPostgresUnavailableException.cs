namespace Cms.Api.Infrastructure.LocalPostgres;

/// <summary>The private cluster could not be started; the message says what to do about it.</summary>
public sealed class LocalPostgresUnavailableException : Exception
{
    public LocalPostgresUnavailableException() { }

    public LocalPostgresUnavailableException(string message) : base(message) { }

    public LocalPostgresUnavailableException(string message, Exception inner) : base(message, inner) { }
}
