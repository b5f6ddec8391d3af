using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Cms.Api.Tests.Security;

/// <summary>
/// Generators of hostile requests for one OpenAPI operation: well-typed values mixed with wrong types, huge and
/// empty values, deep nesting, invalid UTF-8, junk in the path, the query and the headers.
/// </summary>
internal static class FuzzGenerators
{
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String[0, 40],
        Gen.String[Gen.Char["aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệ "], 1, 60],
        Gen.Const(""),
        Gen.Const("'; DROP TABLE articles; --"),
        Gen.Const("\" OR 1=1 --"),
        Gen.Const("../../../etc/passwd"),
        Gen.Const("<script>alert(1)</script>"),
        Gen.Const("\0"),
        Gen.Const("\uD800"),
        Gen.Const("🙂👍🏽"),
        Gen.Const("khoa & giao | !x <-> y:*"),
        Gen.Int[1_000, 80_000].Select(n => new string('x', n)));

    private static readonly Gen<string> Scalars = Gen.OneOf(
        Texts,
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Const("-1"), Gen.Const("0"), Gen.Const("2147483648"), Gen.Const("99999999999999999999"), Gen.Const("1e309"),
        Gen.Const("NaN"), Gen.Const("true"), Gen.Const("null"),
        Gen.Guid.Select(g => g.ToString()),
        Gen.Const("2017-10-10T07:00:00Z"), Gen.Const("9999-99-99T99:99"), Gen.Const("0001-01-01"));

    /// <summary>Already percent-encoded path and query text, including byte sequences that are not UTF-8.</summary>
    private static readonly Gen<string> EncodedJunk = Gen.OneOf(
        Scalars.Select(Encode),
        Gen.Const("%FF%FE"), Gen.Const("%C3%28"), Gen.Const("%C0%AF"), Gen.Const("%ED%A0%80"), Gen.Const("%00"),
        Gen.Const("..%2F..%2F"), Gen.Const("%2e%2e"), Gen.Const("%"), Gen.Const("%zz"));

    private static readonly Gen<string> TokenHeaders = Gen.Frequency(
        (6, Gen.Const("Bearer $ADMIN")),
        (1, Texts.Select(t => "Bearer " + HeaderSafe(t))),
        (1, Gen.Const("Basic YWRtaW46YWRtaW4=")),
        (1, Gen.Const("Bearer")),
        (1, Gen.Const("bearer  $ADMIN")),
        (1, Gen.Int[10_000, 60_000].Select(n => "Bearer " + new string('A', n))));

    private static readonly Gen<string> VersionHeaders = Gen.OneOf(
        Gen.Const("*"), Gen.Const("\"1\""), Gen.Const("W/\"1\""), Gen.Const("\""), Gen.Const("\"1\", \"2\""), Gen.Const("\"-5\""),
        Gen.Const("\"99999999999\""), Texts.Select(HeaderSafe));

    public static Gen<FuzzRequest> For(FuzzOperation operation)
    {
        var path = Gen.Select(operation.PathParameters.Select(_ => PathValue).ToArray().ToGen(), values =>
        {
            var url = operation.Path;
            for (var i = 0; i < values.Length; i++)
            {
                url = url.Replace("{" + operation.PathParameters[i] + "}", values[i], StringComparison.Ordinal);
            }

            return url;
        });
        var query = Gen.Select(operation.QueryParameters.Select(p => QueryPair(p.Name, p.Schema)).ToArray().ToGen(),
            Gen.Frequency((4, Gen.Const("")), (1, Gen.Select(EncodedJunk, EncodedJunk, (k, v) => $"{k}={v}"))),
            (pairs, extra) => string.Join('&', pairs.Where(p => p.Length > 0).Append(extra).Where(p => p.Length > 0)));
        var headers = Gen.Select(
            Gen.Frequency((1, Gen.Const((string?)null)), (3, TokenHeaders.Select(s => (string?)s))),
            Gen.Frequency((3, Gen.Const((string?)null)), (1, VersionHeaders.Select(s => (string?)s))),
            Gen.Frequency((3, Gen.Const((string?)null)), (1, VersionHeaders.Select(s => (string?)s))),
            (auth, ifMatch, ifNoneMatch) => (IReadOnlyList<(string, string)>)new[] { ("Authorization", auth), ("If-Match", ifMatch), ("If-None-Match", ifNoneMatch) }
                .Where(h => h.Item2 is not null).Select(h => (h.Item1, h.Item2!)).ToList());
        var body = operation.Body is null
            ? Gen.Frequency((4, Gen.Const<(byte[]?, string?)>((null, null))), (1, Bodies(null)))
            : Bodies(operation.Body);
        return Gen.Select(path, query, headers, body, (p, q, h, b) =>
            new FuzzRequest(operation.Method, q.Length > 0 ? $"{p}?{q}" : p, h, b.Item1, b.Item2));
    }

    // The in-memory test server refuses a NUL in a path before the service sees it (Kestrel answers 400 itself).
    private static Gen<string> PathValue { get; } =
        Gen.Frequency((2, Gen.Guid.Select(g => g.ToString())), (3, EncodedJunk.Where(s => !s.Contains("%00", StringComparison.Ordinal))));

    // Mostly absent or typed, so that a list request with a dozen parameters still often gets past validation.
    private static Gen<string> QueryPair(string name, JsonObject? schema) => Gen.Frequency(
        (8, Gen.Const("")),
        (3, ValueFor(schema, 0).Select(v => $"{name}={Encode(v is JsonValue value && value.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "")}")),
        (1, EncodedJunk.Select(v => $"{name}={v}")),
        (1, Gen.Select(EncodedJunk, EncodedJunk, (a, b) => $"{name}={a}&{name}={b}")));

    private static Gen<(byte[]?, string?)> Bodies(JsonObject? schema)
    {
        var json = "application/json";
        return Gen.Frequency(
            (6, ValueFor(schema, 0).Select(v => ((byte[]?)Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "null"), (string?)json))),
            (1, Gen.Byte.Array[0, 3000].Select(b => ((byte[]?)b, (string?)json))),
            (1, ValueFor(schema, 0).Select(v => ((byte[]?)InvalidUtf8Inside(v?.ToJsonString() ?? "{}"), (string?)json))),
            (1, Gen.Int[33, 20_000].Select(depth => ((byte[]?)Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)), (string?)json))),
            (1, ValueFor(schema, 0).Select(v => ((byte[]?)Encoding.UTF8.GetBytes(v?.ToJsonString() ?? "{}"), (string?)"text/plain"))),
            (1, Gen.Const<(byte[]?, string?)>(([], json))),
            (1, Gen.Const<(byte[]?, string?)>((Encoding.UTF8.GetBytes("{\"title\": \"x\""), json))),
            (1, Gen.Int[1_100_000, 1_300_000].Select(n => ((byte[]?)Encoding.ASCII.GetBytes("\"" + new string('a', n) + "\""), (string?)json))));
    }

    /// <summary>A value for a schema: usually the right type, often not; objects get extra and missing properties.</summary>
    private static Gen<JsonNode?> ValueFor(JsonObject? schema, int depth)
    {
        var wrong = Gen.OneOf(
            Scalars.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : JsonValue.Create(0.5)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Const((JsonNode?)null),
            Gen.Const<JsonNode?>(() => new JsonArray()),
            Gen.Const<JsonNode?>(() => new JsonObject { ["$type"] = "x", ["__proto__"] = new JsonObject { ["isAdmin"] = true } }),
            Gen.Int[1_000, 20_000].Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray())),
            Gen.Int[30, 60].Select(Nested));
        if (schema is null || depth > 4)
        {
            return wrong;
        }

        var types = schema["type"] switch
        {
            JsonArray array => array.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue value => [value.GetValue<string>()],
            _ => [],
        };
        Gen<JsonNode?> right;
        if (schema["enum"] is JsonArray choices && choices.Count > 0)
        {
            right = Gen.OneOf(choices.Select(c => Gen.Const(() => c?.DeepClone())).ToArray());
        }
        else if (types.Contains("object") || schema["properties"] is JsonObject)
        {
            var properties = (schema["properties"] as JsonObject ?? []).Select(p => (p.Key, Schema: p.Value as JsonObject)).ToList();
            right = Gen.Select(properties.Select(p => Gen.Frequency(
                    (6, ValueFor(p.Schema, depth + 1).Select(v => (p.Key, Value: v, Keep: true))),
                    (1, Gen.Const((p.Key, Value: (JsonNode?)null, Keep: false)))))
                .ToArray().ToGen(), Gen.Frequency((4, Gen.Const("")), (1, Texts)), (values, extra) =>
            {
                var node = new JsonObject();
                foreach (var (key, value, keep) in values.Where(v => v.Keep))
                {
                    node[key] = value;
                }

                if (extra.Length > 0)
                {
                    node[extra] = JsonValue.Create(extra);
                }

                return (JsonNode?)node;
            });
        }
        else if (types.Contains("array"))
        {
            right = ValueFor(schema["items"] as JsonObject, depth + 1).Array[0, 12].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        }
        else if (types.Contains("integer"))
        {
            right = Gen.OneOf(Gen.Int[-3, 600], Gen.Int).Select(i => (JsonNode?)JsonValue.Create(i));
        }
        else if (types.Contains("boolean"))
        {
            right = Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }
        else
        {
            right = Scalars.Select(s => (JsonNode?)JsonValue.Create(s));
        }

        return Gen.Frequency((5, right), (2, wrong));
    }

    private static JsonNode? Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonObject { ["a"] = node };
        }

        return node;
    }

    private static byte[] InvalidUtf8Inside(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = Math.Max(1, bytes.Count / 2);
        bytes.InsertRange(at, [0xC3, 0x28, 0xFF, 0xED, 0xA0, 0x80]);
        return [.. bytes];
    }

    /// <summary>Percent-encodes UTF-8 (a lone surrogate becomes U+FFFD, as any client would send it).</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            text.Append(b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
                ? ((char)b).ToString()
                : $"%{b:X2}");
        }

        return text.ToString();
    }

    /// <summary>Header values cannot carry line breaks or non-Latin-1 text on the wire; everything else may come.</summary>
    private static string HeaderSafe(string value) =>
        new(value.Where(c => c is not ('\r' or '\n' or '\0') && c <= '\u00FF').ToArray());

    private static Gen<T[]> ToGen<T>(this Gen<T>[] gens) =>
        gens.Length == 0 ? Gen.Const(Array.Empty<T>()) : gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, one) => Gen.Select(all, one, (a, v) => (T[])[.. a, v]));
}
