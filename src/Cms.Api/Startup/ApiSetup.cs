using Cms.Api.ApiTokens;
using System.Text.Json;
using System.Text.Json.Serialization;
using Cms.Api.Articles;
using Cms.Api.Authors;
using Cms.Api.Categories;
using Cms.Api.Content;
using Cms.Api.Data;
using Cms.Api.Feeds;
using Cms.Api.Health;
using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Http;
using Cms.Api.Infrastructure.Memory;
using Cms.Api.Infrastructure.Observability;
using Cms.Api.Infrastructure.OpenApi;
using Cms.Api.Infrastructure.Paging;
using Cms.Api.Infrastructure.Problems;
using Cms.Api.Infrastructure.RateLimits;
using Cms.Api.Infrastructure.Signing;
using Cms.Api.Infrastructure.Validation;
using Cms.Api.Media;
using Cms.Api.Ratings;
using Cms.Api.Admin;
using Cms.Api.Reader;
using Cms.Api.ReadPath;
using Cms.Api.Revisions;
using Cms.Api.Sessions;
using Cms.Api.Sync;
using Cms.Api.Users;
using Cms.Api.Views;
using Cms.Api.Webhooks;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cms.Api.Startup;

internal static class ApiSetup
{
    public static WebApplicationBuilder AddCmsApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.SectionName))
            .Validate(o => o.MaxRequestBodyBytes > 0, "Cms:Http:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.RequestHeadersTimeoutSeconds > 0 && o.MinRequestBodyBytesPerSecond > 0 && o.MinRequestBodyGraceSeconds > 1,
                "Cms:Http timeouts and rates must be positive, the body grace period over 1 second.")
            .ValidateOnStart();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var http = context.Configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new HttpOptions();
            kestrel.Limits.MaxRequestBodySize = http.MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(http.RequestHeadersTimeoutSeconds);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(http.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(http.MinRequestBodyGraceSeconds));
        });
        services.Configure<JsonOptions>(o => ConfigureJson(o.SerializerOptions));
        // Bad requests throw so the one exception handler can say what was wrong (malformed JSON, wrong type, missing body).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        services.AddCmsMemoryBudget(configuration);
        services.AddCmsProblemDetails();
        services.AddCmsDatabase(configuration);
        services.AddCmsRateLimits(configuration);
        services.AddCmsSessions(configuration);
        services.AddCmsApiTokens();
        services.AddCmsUsers(configuration, builder.Environment);
        services.AddCmsViews(configuration);
        services.AddCmsRatings(configuration);
        services.AddCmsReadPath(configuration);
        services.AddCmsSync(configuration);
        services.AddCmsReader(configuration);
        services.AddCmsAdmin(configuration);
        services.AddCmsFeeds(configuration);
        services.AddCmsCors(configuration, builder.Environment);
        services.AddCmsForwardedHeaders(configuration);
        services.AddCmsCompression();
        services.AddSingleton<AbortedRequestCanceller>();
        services.AddSingleton<HtmlBodySanitizer>();
        services.AddSingleton<TokenSigner>();
        services.AddSingleton<CursorCodec>();
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName))
            .Validate(o => o.ExactTotalLimit is >= 1 and <= 1_000_000, "Cms:Search:ExactTotalLimit must be 1..1000000.").ValidateOnStart();
        services.AddCmsArticles(configuration);
        services.AddCmsRevisions(configuration);
        services.AddCmsMedia(configuration);
        services.AddCmsWebhooks(configuration);
        services.AddScoped<SampleContent>();
        services.AddCmsHealthChecks(configuration);
        services.AddCmsObservability(configuration);
        services.AddCmsOpenApi();
        // Singletons: validators hold only their rules (and the clock), and building the rules on every request cost
        // more than running them.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        // Messages name fields as clients see them ("username"), not as C# does ("Username").
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        return builder;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new UtcDateTimeOffsetConverter());
        options.MaxDepth = 32;
        // "5" is not 5: a client sending numbers as strings has a bug worth hearing about (the web defaults accept it).
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    public static WebApplication UseCmsApi(this WebApplication app)
    {
        // First: everything after it (rate limits, throttles, logs) sees the client behind a known proxy.
        app.UseCmsForwardedHeaders();
        app.UseIdleMemoryRelease();
        app.UseSecurityHeaders();
        app.UseCmsCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Cached answers are answered before routing; routing is placed here explicitly (WebApplication would put it first).
        app.UseCmsReadPath();
        app.UseAbortedRequestCanceller();
        app.UseRouting();
        app.UseCmsCors();
        app.UseRequestSizeLimit();
        app.UseCmsReader();
        app.UseCmsAdmin();
        app.UseDatabaseReadinessGate();
        app.UseAuthentication();
        app.UseApiTokens();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRateLimitHeaders();

        app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Cms:SwaggerUi:Enabled"))
        {
            app.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint($"/openapi/{OpenApiSetup.DocumentName}.json", "Cms API v1");
                o.RoutePrefix = "swagger";
                o.DocumentTitle = "Cms API";
            });
        }

        app.MapCmsHealthChecks();
        app.MapCmsMetrics();
        var api = app.MapGroup("/api/v1").WithValidation();
        api.MapSessionEndpoints();
        api.MapUserEndpoints();
        api.MapApiTokenEndpoints();
        api.MapAuthorEndpoints();
        api.MapCategoryEndpoints();
        api.MapArticleEndpoints();
        api.MapRevisionEndpoints();
        api.MapViewEndpoints();
        api.MapRatingEndpoints();
        api.MapSyncEndpoints();
        api.MapMediaEndpoints();
        api.MapFeedEndpoints();
        api.MapWebhookEndpoints();
        app.MapMediaFileEndpoints();
        return app;
    }
}
