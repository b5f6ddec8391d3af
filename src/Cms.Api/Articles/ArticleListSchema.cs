using Cms.Api.Infrastructure.OpenApi;
using Microsoft.OpenApi;

namespace Cms.Api.Articles;

/// <summary>
/// Lists write the same article type with its body left out: the document says so with a schema of its own, so a typed
/// client's list items have no <c>body</c> to read by mistake, and a single article's body is never optional.
/// </summary>
internal static class ArticleListSchema
{
    public const string Name = "ArticleListItem";

    private const string Body = "body";

    public static Task ApplyAsync(OpenApiDocument document, Microsoft.AspNetCore.OpenApi.OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Schema(nameof(ArticleResponse)) is not { Properties: not null } article)
        {
            return Task.CompletedTask;
        }

        var item = (OpenApiSchema)article.CreateShallowCopy();
        item.Properties = article.Properties.Where(p => p.Key != Body).ToDictionary();
        item.Required = article.Required?.Where(p => p != Body).ToHashSet();
        item.Description = "An article as lists write it: everything but body. With fields, only the properties named (and id), body too if named.";
        document.Components!.Schemas![Name] = item;
        article.Properties[Body] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Sanitized HTML." };

        foreach (var (list, properties) in (ReadOnlySpan<(string, string[])>)[("PagedListOfArticleResponse", ["items"]), (nameof(RelatedArticles), ["newer", "older"])])
        {
            foreach (var property in properties)
            {
                if (document.Schema(list) is { Properties: { } listed } && listed.ContainsKey(property))
                {
                    listed[property] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(Name, document) };
                }
            }
        }

        return Task.CompletedTask;
    }
}
