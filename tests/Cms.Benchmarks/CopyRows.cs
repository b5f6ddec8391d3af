using Npgsql;
using NpgsqlTypes;

namespace Cms.Benchmarks;

/// <summary>One COPY row from plain values, each written as the PostgreSQL type its .NET type stands for (null as NULL).</summary>
internal static class CopyRows
{
    public static async Task WriteRowAsync(this NpgsqlBinaryImporter copy, CancellationToken cancellationToken, params object?[] values)
    {
        await copy.StartRowAsync(cancellationToken);
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    await copy.WriteNullAsync(cancellationToken);
                    break;
                case DateTimeOffset time:
                    await copy.WriteAsync(time, NpgsqlDbType.TimestampTz, cancellationToken);
                    break;
                case string[] array:
                    await copy.WriteAsync(array, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                    break;
                case string text:
                    await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                    break;
                case Guid id:
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    break;
                case long number:
                    await copy.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken);
                    break;
                case int number:
                    await copy.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken);
                    break;
                case short number:
                    await copy.WriteAsync(number, NpgsqlDbType.Smallint, cancellationToken);
                    break;
                case double number:
                    await copy.WriteAsync(number, NpgsqlDbType.Double, cancellationToken);
                    break;
                case bool flag:
                    await copy.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken);
                    break;
                default:
                    throw new NotSupportedException(value.GetType().Name);
            }
        }
    }
}
