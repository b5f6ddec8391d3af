using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cms.Api.Infrastructure;

/// <summary>The contract's times are UTC written with 'Z' (2017-10-10T07:00:00Z); any offset is accepted on input.</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}
