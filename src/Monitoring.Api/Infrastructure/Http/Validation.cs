using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Monitoring.Api.Infrastructure.Http;

public static class Validation
{
    /// <summary>A domain plausibility rule as a validation rule on this property, with the domain's own words.</summary>
    public static IRuleBuilderOptionsConditions<T, TProperty> Plausible<T, TProperty>(this IRuleBuilder<T, TProperty> rule,
        Func<T, TProperty, Monitoring.Domain.Common.Rejection?> check) =>
        rule.Custom((value, context) =>
        {
            if (check(context.InstanceToValidate, value) is { } rejection) context.AddFailure(Localized.Text(rejection.English, rejection.Vietnamese));
        });

    public static HttpValidationProblemDetails ToProblem(ValidationResult result) =>
        Problems.InvalidDetails(result.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));

    /// <summary>
    /// FluentValidation names members "Figures[0].Value" and says "'Target Id' must not be empty"; clients know them as
    /// "figures[0].value" and "targetId".
    /// </summary>
    public static void UseJsonPropertyNames()
    {
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
        {
            var path = expression is null ? member?.Name : FluentValidation.Internal.PropertyChain.FromExpression(expression).ToString();
            return path is null ? null : string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
        };
    }
}
