using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace Monitoring.Api.Infrastructure.Http;

/// <summary>
/// FluentValidation for every endpoint, applied once: a chain whose request type has a validator registered validates it
/// before the handler runs and ends with a 400 naming every invalid field. Written after Wolverine's own
/// WolverineFx.Http.FluentValidation policy, which this registry does not serve.
/// </summary>
public sealed class ValidationPolicy : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType))
        {
            var validator = typeof(IValidator<>).MakeGenericType(chain.RequestType!);
            if (!container.RegistrationsFor(validator).Any()) continue;

            chain.Metadata.ProducesValidationProblem(StatusCodes.Status400BadRequest);
            var call = new MethodCall(typeof(ValidationPolicy), typeof(ValidationPolicy).GetMethod(nameof(Validate))!.MakeGenericMethod(chain.RequestType!))
            {
                CommentText = "Validate the request (FluentValidation) before anything is loaded or appended",
            };
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }

    public static IResult Validate<T>(IValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        return result.IsValid ? WolverineContinue.Result() : Results.Problem(Validation.ToProblem(result));
    }
}
