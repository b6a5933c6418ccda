using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Reporting;
using Monitoring.Api.Infrastructure.Database;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMonitoringDatabase(builder.Configuration);
builder.Services.AddMonitoringMarten();
builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(Program).Assembly;
    opts.Policies.AutoApplyTransactions();
});
builder.Services.AddWolverineHttp();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
Validation.UseJsonPropertyNames();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddExceptionHandler<ErrorHandling>();
builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection(ReportingOptions.Section));
builder.Services.AddRequestLocalization(options =>
{
    options.SetDefaultCulture("en").AddSupportedCultures("en", "vi").AddSupportedUICultures("en", "vi");
    options.ApplyCurrentCultureToResponseHeaders = true;
});
builder.Services.AddMonitoringHealthChecks();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json => JsonDefaults.Configure(json.SerializerOptions));

var app = builder.Build();

app.UseExceptionHandler();
app.UseRequestLocalization();
app.MapMonitoringHealthChecks();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();
app.MapWolverineEndpoints(http =>
{
    http.AddMiddleware(typeof(EventMetadata), chain => chain.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"));
});

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e.FindInner<EmbeddedPostgresUnavailableException>() is { } cause)
{
    await Console.Error.WriteLineAsync($"Monitoring cannot start: {cause.Message}");
    return 1;
}

public partial class Program;
