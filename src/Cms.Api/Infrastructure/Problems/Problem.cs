using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Infrastructure.Problems;

/// <summary>Typed problem results for the expected failures handlers return (never throw).</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string what) =>
        Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Not found", $"{what} was not found.");

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Of(StatusCodes.Status409Conflict, code, "Conflict", detail);

    public static ProblemHttpResult VersionMismatch(int current) =>
        Of(StatusCodes.Status412PreconditionFailed, ProblemCodes.VersionMismatch, "Version mismatch",
            $"The resource has changed since it was read; it is now at version {current}. Read it again and reapply the change.");

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Validation failed", detail: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.ValidationFailed });

    public static ValidationProblem InvalidCursor() => Validation(new Dictionary<string, string[]>
    {
        ["cursor"] = ["This cursor is not valid for this list: pass back nextCursor exactly as received, with the same filters and sort."],
    });
}
