using System.Buffers.Text;
using System.Security.Cryptography;
using Npgsql;

namespace Cms.Api.Infrastructure.Signing;

/// <summary>
/// Signs the opaque tokens handed to clients (list cursors, sync tokens) with HMAC-SHA256, so a forged or edited token
/// is refused before anything in it is trusted. The key is made once per database and kept there: every instance on the
/// same database accepts the others' tokens, and nobody has to configure a secret.
/// </summary>
public sealed class TokenSigner(NpgsqlDataSource dataSource) : IDisposable
{
    private const string SecretName = "token-signing";
    private const int TagBytes = 16;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _key;

    public async ValueTask<string> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var secret = await KeyAsync(cancellationToken);
        var signed = new byte[payload.Length + TagBytes];
        payload.Span.CopyTo(signed);
        HMACSHA256.HashData(secret, payload.Span)[..TagBytes].CopyTo(signed.AsSpan(payload.Length));
        return Base64Url.EncodeToString(signed);
    }

    /// <summary>The payload, or null when the token is not one this database's key signed (malformed, truncated, edited).</summary>
    public async ValueTask<byte[]?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 2048 || !Base64Url.IsValid(token))
        {
            return null;
        }

        var signed = Base64Url.DecodeFromChars(token);
        if (signed.Length <= TagBytes)
        {
            return null;
        }

        var secret = await KeyAsync(cancellationToken);
        var payloadLength = signed.Length - TagBytes;
        var expected = HMACSHA256.HashData(secret, signed.AsSpan(0, payloadLength));
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, TagBytes), signed.AsSpan(payloadLength))
            ? signed[..payloadLength]
            : null;
    }

    public void Dispose() => _loading.Dispose();

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Insert-if-absent then read: instances starting together agree on whichever key landed first.
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            {
                Parameters = { new NpgsqlParameter { Value = SecretName }, new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) } },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT value FROM server_secrets WHERE name = $1")
            {
                Parameters = { new NpgsqlParameter { Value = SecretName } },
            });
            return _key ??= (byte[])(await batch.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _loading.Release();
        }
    }
}
