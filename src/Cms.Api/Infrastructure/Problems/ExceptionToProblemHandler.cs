using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Cms.Api.Infrastructure.Problems;

/// <summary>
/// The one place exceptions become problem+json. Bad requests detected by the framework (unreadable JSON,
/// wrong content type, oversized body) are the client's fault and get a 4xx; a database that cannot be reached
/// is a 503 so load balancers and clients retry; anything else is a 500 without internals.
/// </summary>
internal sealed class ExceptionToProblemHandler(IProblemDetailsService problems, ILogger<ExceptionToProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            // The pool's idle connections died with the server: drop them all now, or each would fail one more
            // request whenever it next came up, seconds after the database was back.
            httpContext.RequestServices.GetRequiredService<NpgsqlDataSource>().Clear();
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest && IsMissingBody(bad) =>
            Create(400, ProblemCodes.MalformedJson, "Malformed JSON", "A JSON request body is required."),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status400BadRequest && BoundParameter(bad) is { } parameter =>
            FieldProblem(parameter, "The value has the wrong type or format for this parameter."),
        BadHttpRequestException bad => Create(bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), TitleFor(bad.StatusCode), bad.Message),
        JsonException json => FromJson(json),
        _ when exception.IsUnstorableText() =>
            Create(400, ProblemCodes.BadRequest, "Bad request", "Text in the request contains a character that cannot be stored (U+0000)."),
        _ when exception.IsDatabaseUnavailable() =>
            Create(503, ProblemCodes.DatabaseUnavailable, "Service unavailable", "The database cannot be reached right now; try again shortly."),
        _ => Create(500, ProblemCodes.InternalError, "Internal server error", "An unexpected error occurred. Quote the traceId when reporting it."),
    };

    /// <summary>
    /// The reader's own JsonException subclass (thrown, or wrapped by the serializer to add the path) marks text that
    /// is not JSON at all; otherwise the JSON is well formed but a value has the wrong type, which names a field.
    /// </summary>
    private static ProblemDetails FromJson(JsonException json)
    {
        if (json is NotAnObjectException)
        {
            return Create(400, ProblemCodes.MalformedJson, "Malformed JSON", json.Message);
        }

        var field = JsonPath.ToFieldPath(json.Path);
        var unreadable = json.GetType() != typeof(JsonException) || json.InnerException is JsonException;
        if (!unreadable && field.Length > 0)
        {
            return FieldProblem(field, EnumNamed(json) is { } allowed
                ? $"Use one of: {string.Join(", ", allowed)}."
                : "The value has the wrong type or format for this field.");
        }

        if (!unreadable && json.Path == "$")
        {
            return Create(400, ProblemCodes.MalformedJson, "Malformed JSON", "The request body must be a JSON object.");
        }

        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "";
        return Create(400, ProblemCodes.MalformedJson, "Malformed JSON", $"The request body is not valid JSON{where}.");
    }

    /// <summary>
    /// The allowed values when the field that could not be read is one of our enums. The serializer names the type being
    /// read ("could not be converted to Cms.Api.Articles.ArticleRequest"); the path leads from it to the property.
    /// </summary>
    private static string[]? EnumNamed(JsonException json)
    {
        var type = System.Text.RegularExpressions.Regex.Match(json.Message, @"Cms\.Api(\.\w+)+") is { Success: true } match
            ? typeof(ExceptionToProblemHandler).Assembly.GetType(match.Value)
            : null;
        foreach (var segment in (json.Path ?? "").TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            type = type?.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
            type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        }

        return type is { IsEnum: true } ? Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToArray() : null;
    }

    private static ValidationProblemDetails FieldProblem(string field, string message)
    {
        var problem = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "Validation failed",
            Detail = "One or more fields are invalid.",
        };
        problem.Extensions["code"] = ProblemCodes.ValidationFailed;
        return problem;
    }

    /// <summary>The query or route parameter named by the framework's binding failure ('Failed to bind parameter "int? page" from "x"').</summary>
    private static string? BoundParameter(BadHttpRequestException bad)
    {
        var match = System.Text.RegularExpressions.Regex.Match(bad.Message, "parameter \"(?:[^\"]*\\s)?([A-Za-z0-9_]+)\"");
        return match.Success ? JsonPath.ToFieldPath(match.Groups[1].Value) : null;
    }

    private static bool IsMissingBody(BadHttpRequestException bad) =>
        bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase);

    private static string TitleFor(int status) => status switch
    {
        408 => "Request timeout",
        413 => "Payload too large",
        415 => "Unsupported media type",
        _ => "Bad request",
    };

    private static ProblemDetails Create(int status, string code, string title, string detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        return problem;
    }
}
