using Cms.Api.Infrastructure;
using Cms.Api.Infrastructure.Observability;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Cms.Api.Webhooks;

internal static class WebhookSetup
{
    public static IServiceCollection AddCmsWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.Schedule.All(s => s > 0), "Cms:Webhooks:RetryScheduleSeconds must hold positive seconds.")
            .Validate(o => o.TimeoutSeconds > 0 && o.LeaseSeconds > o.TimeoutSeconds,
                "Cms:Webhooks:TimeoutSeconds must be positive and LeaseSeconds longer, so a slow answer is never sent twice.")
            .Validate(o => o.MaxConcurrentDeliveries > 0 && o.MaxInFlightPerWebhook > 0 && o.PollSeconds > 0,
                "Cms:Webhooks:MaxConcurrentDeliveries, MaxInFlightPerWebhook and PollSeconds must be positive.")
            .Validate(o => o.KeepDeliveryLogDays > 0 && o.PurgeIntervalMinutes is > 0 and <= 49 * 24 * 60,
                "Cms:Webhooks:KeepDeliveryLogDays must be positive and PurgeIntervalMinutes between 1 and 70560 (49 days, a timer's longest).")
            .ValidateOnStart();
        services.AddSingleton<IInterceptor, ArticleEventInterceptor>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookPurger>();
        services.AddCmsGauges<WebhookQueueMetrics>();
        if (!BuildTime.IsGeneratingOpenApi)
        {
            services.AddHostedService<VisibilityScanner>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookPurger>());
            if (configuration.GetValue(WebhookOptions.SectionName + ":" + nameof(WebhookOptions.DeliveryEnabled), true))
            {
                services.AddHostedService<DeliveryWorker>();
            }
        }

        return services;
    }
}
