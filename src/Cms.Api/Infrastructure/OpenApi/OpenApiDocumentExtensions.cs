using Microsoft.OpenApi;

namespace Cms.Api.Infrastructure.OpenApi;

public static class OpenApiDocumentExtensions
{
    /// <summary>The component schema <paramref name="id"/>, when the document has it as a plain schema.</summary>
    public static OpenApiSchema? Schema(this OpenApiDocument document, string id) =>
        document.Components?.Schemas?.TryGetValue(id, out var schema) == true ? schema as OpenApiSchema : null;
}
