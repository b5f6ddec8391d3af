using Cms.Api.Infrastructure.Problems;
using FluentValidation;

namespace Cms.Api.Infrastructure.Validation;

/// <summary>
/// Runs the FluentValidation validator of every handler argument that has one, before the handler.
/// Decided once per endpoint when the app builds its routes, so endpoints without validators pay nothing.
/// </summary>
internal static class ValidationFilter
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory(static (factoryContext, next) =>
        {
            var services = factoryContext.ApplicationServices;
            var isService = services.GetRequiredService<IServiceProviderIsService>();
            var validated = factoryContext.MethodInfo.GetParameters()
                .Select((parameter, index) => (index, validatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
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
                    if (invocationContext.Arguments[index] is not { } argument)
                    {
                        continue;
                    }

                    var validator = (IValidator)invocationContext.HttpContext.RequestServices.GetRequiredService(validatorType);
                    var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocationContext.HttpContext.RequestAborted);
                    if (!result.IsValid)
                    {
                        var errors = result.Errors
                            .GroupBy(e => JsonPath.ToFieldPath(e.PropertyName))
                            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
                        return Problem.Validation(errors);
                    }
                }

                return await next(invocationContext);
            };
        });
        return builder;
    }
}
