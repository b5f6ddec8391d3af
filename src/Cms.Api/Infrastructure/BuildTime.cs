using System.Reflection;

namespace Cms.Api.Infrastructure;

internal static class BuildTime
{
    /// <summary>
    /// True while the build runs the app only to read its OpenAPI document (Microsoft.Extensions.ApiDescription.Server):
    /// then no database is started, migrated or polled.
    /// </summary>
    public static bool IsGeneratingOpenApi { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
