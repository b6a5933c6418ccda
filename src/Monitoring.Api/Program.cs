using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Monitoring.Api.Infrastructure;
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
builder.Services.AddMonitoringHealthChecks();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(json =>
{
    // Vietnamese text stays readable in responses instead of \u-escaped.
    json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
});

var app = builder.Build();

app.MapMonitoringHealthChecks();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapGet("/", () => Results.Redirect("/scalar")).ExcludeFromDescription();
app.MapWolverineEndpoints();

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
