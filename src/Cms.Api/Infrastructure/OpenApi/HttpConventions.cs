using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Cms.Api.Infrastructure.OpenApi;

/// <summary>
/// The HTTP conventions every operation follows, written into the document from what the endpoint declares: the
/// conditional headers where 304 or 412 can answer, the response headers that come with each status, the endpoint's own
/// texts, parameter descriptions and examples.
/// </summary>
internal static class HttpConventions
{
    public const string ETag = "ETag";
    public const string Location = "Location";
    public const string CacheControl = "Cache-Control";
    public const string RetryAfter = "Retry-After";
    public const string RateLimitPolicy = "RateLimit-Policy";
    public const string RateLimit = "RateLimit";
    public const string IfMatch = "If-Match";
    public const string IfNoneMatch = "If-None-Match";

    /// <summary>The paging parameters every list shares (<see cref="Paging.PageQuery"/>).</summary>
    private static readonly Dictionary<string, string> PagingDescriptions = new(StringComparer.Ordinal)
    {
        ["page"] = "Numbered page, from 1 (default 1). Send either page or cursor.",
        ["pageSize"] = "Items a page, 1 to 100 (default 20; categories 100).",
        ["includeTotal"] = "false leaves total out, which saves counting (default true).",
        ["cursor"] = "The nextCursor of the previous page, for infinite scroll: the next page however many items arrived since.",
    };

    public static void AddComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        var headers = document.Components.Headers;
        headers[ETag] = Header("The resource's version as an entity tag (\"3\"): send it back as If-None-Match to read, as If-Match to write.");
        headers[Location] = Header("The address of the created resource, or of where it moved (an article's current slug).");
        headers[CacheControl] = Header("public, max-age=N, stale-while-revalidate=M on anonymous API answers (10 and 60 seconds unless the service is set otherwise); no-store on answers to a signed-in request. Media files say their own (a year, immutable).");
        headers[RetryAfter] = Header("Seconds to wait before trying again.", JsonSchemaType.Integer);
        headers[RateLimitPolicy] = Header("The limit this endpoint applies per client: \"name\";q=<requests>;w=<window seconds> (IETF httpapi ratelimit-headers draft).");
        headers[RateLimit] = Header("Where this client stands: \"name\";r=<requests left>;t=<seconds until the window resets>.");

        document.Components.Parameters ??= new Dictionary<string, IOpenApiParameter>();
        document.Components.Parameters[IfMatch] = new OpenApiParameter
        {
            Name = IfMatch,
            In = ParameterLocation.Header,
            Description = "The ETag you read. If the resource changed since, the answer is 412 version_mismatch and nothing is saved.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        document.Components.Parameters[IfNoneMatch] = new OpenApiParameter
        {
            Name = IfNoneMatch,
            In = ParameterLocation.Header,
            Description = "The ETag of the copy you hold (one or several, weak or strong): 304 with no body while it is current.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }

    public static Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // XML comments on handlers speak to developers; the endpoint's own summary and description speak to clients.
        if (metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault() is { } summary)
        {
            operation.Summary = summary.Summary;
        }

        if (metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault() is { } description)
        {
            operation.Description = description.Description;
        }

        DescribeParameters(operation, metadata.OfType<ParameterDoc>().ToList());
        AddConditionalHeaders(operation, context);
        AddResponseHeaders(operation, context, metadata.OfType<EnableRateLimitingAttribute>().Any());
        AddExamples(operation, context, metadata.OfType<ExampleDoc>());
        return Task.CompletedTask;
    }

    private static void DescribeParameters(OpenApiOperation operation, List<ParameterDoc> docs)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (docs.LastOrDefault(d => d.Name == parameter.Name) is { } doc)
            {
                parameter.Description = doc.Description;
                if (doc.Values is not null && parameter.Schema is OpenApiSchema schema)
                {
                    schema.Enum = [.. doc.Values.Select(v => (JsonNode)JsonValue.Create(v))];
                }
            }
            else if (parameter.Description is null && PagingDescriptions.TryGetValue(parameter.Name!, out var paging))
            {
                parameter.Description = paging;
            }
        }
    }

    private static void AddConditionalHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var responses = operation.Responses ?? [];
        foreach (var (status, header) in (ReadOnlySpan<(string, string)>)[("304", IfNoneMatch), ("412", IfMatch)])
        {
            if (responses.ContainsKey(status))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameterReference(header, context.Document));
            }
        }
    }

    private static void AddResponseHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context, bool rateLimited)
    {
        var isGet = HttpMethods.IsGet(context.Description.HttpMethod ?? "");
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            var code = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
            var type = context.Description.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode == code)?.Type;
            var names = new List<string>();
            // A resource that can answer 304 names its version in every 200; so does any body that carries one.
            if (code is 304 || (code is 200 && operation.Responses!.ContainsKey("304")) || (code is 200 or 201 && type?.GetProperty("Version") is not null))
            {
                names.Add(ETag);
            }

            if (code is 201 or 301)
            {
                names.Add(Location);
            }

            if (isGet && code is 200 or 301 or 304)
            {
                names.Add(CacheControl);
            }

            if (code is 429)
            {
                names.Add(RetryAfter);
            }

            if (rateLimited && code < 500)
            {
                names.AddRange([RateLimitPolicy, RateLimit]);
            }

            foreach (var name in names)
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers[name] = new OpenApiHeaderReference(name, context.Document);
            }
        }
    }

    private static void AddExamples(OpenApiOperation operation, OpenApiOperationTransformerContext context, IEnumerable<ExampleDoc> examples)
    {
        var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        foreach (var example in examples)
        {
            var content = example.Status is { } status
                ? operation.Responses?.GetValueOrDefault(status.ToString(System.Globalization.CultureInfo.InvariantCulture))?.Content
                : operation.RequestBody?.Content;
            foreach (var media in content?.Values.OfType<OpenApiMediaType>() ?? [])
            {
                media.Example = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), json);
            }
        }
    }

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = type } };
}
