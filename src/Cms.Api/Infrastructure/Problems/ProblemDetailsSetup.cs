using System.Diagnostics;

namespace Cms.Api.Infrastructure.Problems;

internal static class ProblemDetailsSetup
{
    /// <summary>Every error body, whoever writes it, gets a <c>code</c> and a <c>traceId</c>.</summary>
    public static IServiceCollection AddCmsProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Instance ??= context.HttpContext.Request.Path;
            // Production and tests alike: internals (exception text, stack) never reach a client.
            problem.Extensions.Remove("exception");
            problem.Detail ??= DefaultDetail(status);
            // An expected refusal is worth one line for whoever reads the log, never a stack trace.
            if (status is >= 400 and < 500 and not (401 or 404))
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Cms.Api.Problems").LogInformation(
                    "{Method} {Path} answered {Status} {Code}", context.HttpContext.Request.Method, context.HttpContext.Request.Path, status,
                    problem.Extensions["code"]);
            }
        });
        services.AddExceptionHandler<ExceptionToProblemHandler>();
        return services;
    }

    /// <summary>For answers the framework writes without a word of explanation.</summary>
    private static string? DefaultDetail(int status) => status switch
    {
        404 => "No resource lives at this address.",
        405 => "This address does not accept that method.",
        415 => "Send the body as application/json.",
        _ => null,
    };
}
