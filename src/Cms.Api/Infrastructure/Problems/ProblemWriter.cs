namespace Cms.Api.Infrastructure.Problems;

/// <summary>Writes a problem+json answer from middleware, where no endpoint result exists to return.</summary>
internal static class ProblemWriter
{
    public static Task WriteProblemAsync(this HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        }).AsTask();
    }
}
