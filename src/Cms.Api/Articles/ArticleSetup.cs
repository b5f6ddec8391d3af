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
        services.AddScoped<RevisionLog>();
        services.AddOptions<RevisionOptions>().Bind(configuration.GetSection(RevisionOptions.SectionName))
            .Validate(o => o.MergeWindowSeconds >= 0, "Cms:Revisions:MergeWindowSeconds must be 0 or more.")
            .Validate(o => o.MaxPerArticle >= 2, "Cms:Revisions:MaxPerArticle must be at least 2.")
            .Validate(o => o.KeepDeletedDays >= 1, "Cms:Revisions:KeepDeletedDays must be at least 1.")
            .Validate(o => o.PurgeIntervalMinutes is >= 1 and <= 57600, "Cms:Revisions:PurgeIntervalMinutes must be between 1 and 57600 (40 days).").ValidateOnStart();
        services.Configure<OpenApiOptions>(OpenApiSetup.DocumentName, o => o.AddDocumentTransformer(ArticleListSchema.ApplyAsync));
        return services;
    }
}
