using Cms.Api.Infrastructure.OpenApi;
using Microsoft.AspNetCore.OpenApi;

namespace Cms.Api.Articles;

internal static class ArticleSetup
{
    public static IServiceCollection AddCmsArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ArticleListOptions>().Bind(configuration.GetSection(ArticleListOptions.SectionName))
            .Validate(o => o.AnchorEvery >= 2, "Cms:Lists:AnchorEvery must be at least 2.")
            .Validate(o => o.SearchWalkCost >= 0 && double.IsFinite(o.SearchWalkCost), "Cms:Lists:SearchWalkCost must be a number, 0 or more.").ValidateOnStart();
        services.AddScoped<ArticleWriter>();
        services.Configure<OpenApiOptions>(OpenApiSetup.DocumentName, o => o.AddDocumentTransformer(ArticleListSchema.ApplyAsync));
        return services;
    }
}
