using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Monitoring.Api.Infrastructure.Security;
using Wolverine;

namespace Monitoring.Api.Tests.Infrastructure;

/// <summary>The real app, in process, over its own fresh database in the test run's PostgreSQL.</summary>
public class AppFixture : IAsyncLifetime
{
    private IAlbaHost? _host;

    public IAlbaHost Host => _host ?? throw new InvalidOperationException("The app has not started");
    /// <summary>The national database the service is given: the list of provinces, the nodes' keys, Wolverine's node records.</summary>
    public string NationalConnectionString { get; private set; } = "";
    /// <summary>The fixture's province's database (its events, documents and chain): the default one unless <see cref="TokenProvince"/> names another.</summary>
    public string ConnectionString => TestDatabases.ProvinceDatabase(NationalConnectionString, Province);
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The service's default province: that of tokens that name none (<c>Provinces:Default</c>).</summary>
    public const string DefaultProvince = TestDatabases.DefaultProvince;

    /// <summary>
    /// The province the fixture's tokens name, added at start (null: they name none and work in the default province). A
    /// fixture in another province runs the same scenarios there.
    /// </summary>
    protected virtual string? TokenProvince => null;

    /// <summary>The province the fixture's tokens work in.</summary>
    public string Province => TokenProvince ?? DefaultProvince;

    public IQuerySession QuerySession() => Store.QuerySession(Province);
    public IDocumentSession LightweightSession() => Store.LightweightSession(Province);

    /// <summary>The app's clock; starts at 2023-07-15 (just after the first half of 2023) and moves only when told.</summary>
    public FakeTimeProvider Clock { get; }

    public AppFixture() => Clock = new FakeTimeProvider(StartsAt);

    /// <summary>Where the clock starts; a fixture that records history before it is reviewed starts earlier.</summary>
    protected virtual DateTimeOffset StartsAt => new(2023, 7, 15, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Events stored so far, across all streams: tests compare it before and after a refused request.</summary>
    public async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from monitoring.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public virtual async Task InitializeAsync()
    {
        NationalConnectionString = await TestDatabases.CreateDatabaseAsync(GetType().Name);
        _host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Monitoring", NationalConnectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Auth:SigningKey", TestSigningKey);
            builder.UseSetting("Seeds:ImportAtStartup", "false");
            Configure(builder);
            builder.ConfigureServices(services =>
            {
                services.RunWolverineInSoloMode();
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
                services.DisableAllExternalWolverineTransports();
            });
        });
        if (TokenProvince is { } province)
            await _host.Services.GetRequiredService<Monitoring.Api.Provinces.ProvinceRegistry>()
                .AddAsync(province, $"Tỉnh {province}", null, "test-fixture", CancellationToken.None);
    }

    public const string TestSigningKey = "test-signing-key-for-the-monitoring-test-suite-0123456789";

    /// <summary>Settings a fixture adds on top of the defaults (limits, for example).</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    /// <summary>A bearer token as the service itself would accept it.</summary>
    public string TokenFor(string role, string? unitCode = null, string? user = null, string? province = null) =>
        TokenIssuer.Mint(new AuthOptions { SigningKey = TestSigningKey }, user ?? $"{role}.{unitCode ?? "tinh"}@test", role, unitCode,
            TimeSpan.FromHours(1), DateTimeOffset.UtcNow, province ?? TokenProvince);

    public string SecretariatToken => _secretariat ??= TokenFor(Roles.Secretariat, user: "van.phong@tinhuy");
    private string? _secretariat;

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
