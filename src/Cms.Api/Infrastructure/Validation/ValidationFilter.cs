using Cms.Api.Infrastructure.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cms.Api.Infrastructure.Validation;

/// <summary>
/// Runs the FluentValidation validator of every handler argument that has one, before the handler; a
/// <see cref="WholeBody{T}"/> is first checked for left-out properties. Decided once per endpoint, so others pay nothing.
/// </summary>
internal static class ValidationFilter
{
    public const string LeftOut = "Send every writable property: PUT replaces the whole resource (null clears a nullable one; PATCH changes some).";

    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory(static (factoryContext, next) =>
        {
            var services = factoryContext.ApplicationServices;
            var isService = services.GetRequiredService<IServiceProviderIsService>();
            var validated = factoryContext.MethodInfo.GetParameters()
                .Select((parameter, index) => (index, validatorType: typeof(IValidator<>).MakeGenericType(Validated(parameter.ParameterType))))
                .Where(p => isService.IsService(p.validatorType))
                .ToArray();
            if (validated.Length == 0)
            {
                return next;
            }

            return async invocationContext =>
            {
                foreach (var (index, validatorType) in validated)
                {
                    var argument = invocationContext.Arguments[index];
                    if (argument is IWholeBody whole)
                    {
                        if (whole.Missing.Count > 0)
                        {
                            return Problem.Validation(whole.Missing.ToDictionary(name => name, _ => new[] { LeftOut }));
                        }

                        argument = whole.Body;
                    }

                    if (argument is null)
                    {
                        continue;
                    }

                    var validator = (IValidator)invocationContext.HttpContext.RequestServices.GetRequiredService(validatorType);
                    if (await ProblemAsync(validator, argument, invocationContext.HttpContext.RequestAborted) is { } problem)
                    {
                        return problem;
                    }
                }

                return await next(invocationContext);
            };
        });
        return builder;
    }

    /// <summary>The validation problem for <paramref name="value"/>, or null when it is valid (also for PATCH's merged result).</summary>
    public static async Task<ValidationProblem?> ProblemAsync(IValidator validator, object value, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(new ValidationContext<object>(value), cancellationToken);
        return result.IsValid
            ? null
            : Problem.Validation(result.Errors
                .GroupBy(e => JsonPath.ToFieldPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
    }

    private static Type Validated(Type parameter) =>
        parameter.IsGenericType && parameter.GetGenericTypeDefinition() == typeof(WholeBody<>) ? parameter.GetGenericArguments()[0] : parameter;
}
