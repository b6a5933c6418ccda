using System.Text.Json.Serialization;
using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Api.Infrastructure.Nodes;
using Monitoring.Api.Infrastructure.OpenApi;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Infrastructure.Web;
using Monitoring.Api.Notifications;
using Monitoring.Api.Provinces;
using Monitoring.Api.Reporting;
using Monitoring.Api.Resolutions.Import;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);
if (args.FirstOrDefault() == TokenCommand.Name)
    return TokenCommand.Run(args, builder.Configuration, Console.Out, Console.Error);

try
{
    // Wolverine's handler and endpoint adapters are pre-generated into Internal/Generated (`codegen write`, README):
    // outside Development they are loaded from this assembly, so the service never starts Roslyn at run time.
    builder.Services.CritterStackDefaults(defaults =>
    {
        defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
        // `CodeGeneration:Development` = Static runs a Development service on the committed code too (the browser tests do:
        // no Roslyn compile at each endpoint's first call).
        defaults.Development.GeneratedCodeMode = Enum.TryParse<TypeLoadMode>(builder.Configuration["CodeGeneration:Development"], out var mode)
            ? mode : TypeLoadMode.Dynamic;
    });
    // `codegen write|preview|test` only reads the endpoints and the registrations and opens no connection: no cluster for it.
    if (args.FirstOrDefault() == "codegen" && string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(MonitoringDatabase.ConnectionStringName)))
        builder.Configuration[$"ConnectionStrings:{MonitoringDatabase.ConnectionStringName}"] = "Host=localhost;Database=codegen-opens-no-connection";
    builder.Services.AddMonitoringDatabase(builder.Configuration);
    // Issue 18: one database per province (Provinces/); the list of provinces is ready before Marten, Wolverine and the seeds start.
    builder.Services.AddMonitoringProvinces(builder.Configuration);
    builder.Services.AddMonitoringMarten();
    // Issue 14, notifications: recipients, records, SMTP and signed webhooks, durable scheduled reminders (Notifications/).
    var notifications = builder.Services.AddMonitoringNotifications(builder.Configuration);
    builder.Host.UseWolverine(opts =>
    {
        opts.ApplicationAssembly = typeof(Program).Assembly;
        // Nodes on one machine share its network identity, from which Wolverine's default (NewId) envelope ids are made:
        // two nodes' ids collided in the rolling-restart test (a unique violation on the envelope table, answered 409).
        opts.EnvelopeIdGeneration = EnvelopeIdGeneration.GuidV7;
        opts.Policies.AutoApplyTransactions();
        NotificationSetup.ConfigureWolverine(opts, notifications);
    });
    builder.Services.AddWolverineHttp();
    builder.Services.AddMonitoringSecurity(builder.Configuration, builder.Environment);
    // Issue 15: the pages (Web/), in Vietnamese, reading and writing through the API in process.
    builder.Services.AddMonitoringWeb();
    // Issue 18: OpenTelemetry (OTLP when configured), /metrics and the service's own metrics (Infrastructure/Telemetry.cs).
    builder.AddMonitoringTelemetry();
    builder.WebHost.ConfigureKestrel(kestrel =>
        kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetSection(LimitOptions.Section).Get<LimitOptions>()?.MaxRequestBodyBytes
                                           ?? new LimitOptions().MaxRequestBodyBytes);
    builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
    Validation.UseJsonPropertyNames();
    builder.Services.TryAddSingleton(TimeProvider.System);
    builder.Services.AddExceptionHandler<ErrorHandling>();
    builder.Services.AddSingleton((builder.Configuration.GetSection(ReportingOptions.Section).Get<ReportingOptions>() ?? new ReportingOptions()).ToCalendar());
    builder.Services.Configure<Monitoring.Api.Resolutions.PlausibilityOptions>(builder.Configuration.GetSection(Monitoring.Api.Resolutions.PlausibilityOptions.Section));
    builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
    builder.Services.AddSingleton<SeedImporter>();
    builder.Services.AddSingleton<Monitoring.Api.Audit.AuditQuery>();
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddSingleton<Monitoring.Api.Audit.ChainVerifier>();
    // Issue 19: signed checkpoints of the chain's head (Audit/Checkpoint.cs); the key is read once, at start.
    builder.Services.AddSingleton(sp => Monitoring.Api.Audit.CheckpointKey.Resolve(sp.GetRequiredService<IConfiguration>()));
    builder.Services.AddSingleton<Monitoring.Api.Audit.Checkpoints>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<SeedImporter>());
    builder.Services.AddRequestLocalization(options =>
    {
        options.SetDefaultCulture("en").AddSupportedCultures("en", "vi").AddSupportedUICultures("en", "vi");
        options.ApplyCurrentCultureToResponseHeaders = true;
    });
    builder.Services.AddMonitoringHealthChecks();
    // Several nodes on one database (README, Deployment): a shared data-protection key ring, readiness 503 first on SIGTERM.
    builder.Services.AddMonitoringNodes(builder.Configuration);
    builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemText.Localize);
    builder.Services.AddMonitoringOpenApi();
    builder.Services.ConfigureHttpJsonOptions(json =>
    {
        JsonDefaults.Configure(json.SerializerOptions);
        // A field the operation does not define (a unit, a user, a timestamp, a status...) is refused, not silently dropped.
        json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    });

    var app = builder.Build();
    // The service's own commands (Infrastructure/ServiceCommands.cs): `add-province`, `import-seeds`, `rebuild`.
    if (ServiceCommands.Handles(args))
        return await ServiceCommands.RunAsync(app, args);
    // Everything after this point is what the pages ask the API through (InProcessApi): the same rules for both.
    ApiPipeline.Capture(app);
    app.UseMonitoringTelemetry();
    app.UseExceptionHandler();
    // An answer with an error status and no body (Wolverine's 404 for an unknown aggregate) still gets a problem body;
    // a page gets the pages' error page instead.
    app.UseStatusCodePages();
    app.UsePageErrors();
    app.UseLanguages();
    app.UseStaticFiles();
    app.UseRouting();
    app.UseMonitoringSecurity();
    app.MapMonitoringHealthChecks();
    app.MapOpenApi().AllowAnonymous();
    app.MapScalarApiReference().AllowAnonymous();
    app.MapRazorPages();
    app.MapWolverineEndpoints(http =>
    {
        http.TenantId.DetectWith(new ProvinceDetection());
        http.AddPolicy<ValidationPolicy>();
        http.AddPolicy<StandardResponses>();
        // The national endpoints (Provinces/) write no province's record: no session for them.
        http.AddMiddleware(typeof(EventMetadata), chain => chain.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                                                          && chain.Method.HandlerType.Namespace != typeof(ProvinceRegistry).Namespace);
    });

    // Any other verb is one of JasperFx's (`codegen write`, `describe`, `resources`...); with no verb, only options such as
    // `--urls`, the service runs here, so a failure at start still reaches the handler below.
    if (args.FirstOrDefault() is { } verb && !verb.StartsWith('-') && !verb.Contains('='))
        return await app.RunJasperFxCommands(args);

    // A checkpoint key that cannot be read stops the start here, not at the first checkpoint.
    app.Services.GetRequiredService<Monitoring.Api.Audit.CheckpointKey>();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (((Exception?)e.FindInner<EmbeddedPostgresUnavailableException>() ?? e.FindInner<StartupConfigurationException>()) is { } cause)
{
    await Console.Error.WriteLineAsync($"Monitoring cannot start: {cause.Message}");
    return 1;
}

public partial class Program;
