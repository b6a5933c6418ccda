using System.Text.Json;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Infrastructure.Database;
using Monitoring.Api.Tests.Infrastructure;
using Npgsql;

namespace Monitoring.Api.Tests.Hosting;

public class ServiceHostTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Ready_checks_the_database()
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.StatusCodeShouldBeOk();
        });
        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Live_answers_without_touching_the_database() =>
        await app.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBeOk();
        });

    [Fact]
    public async Task Serves_its_OpenAPI_document_and_a_browsable_UI()
    {
        var document = await app.Host.Scenario(s =>
        {
            s.Get.Url("/openapi/v1.json");
            s.StatusCodeShouldBeOk();
        });
        JsonDocument.Parse(await document.ReadAsTextAsync()).RootElement.GetProperty("openapi").GetString().ShouldStartWith("3.");

        var ui = await app.Host.Scenario(s =>
        {
            s.Get.Url("/scalar/");
            s.StatusCodeShouldBeOk();
        });
        (await ui.ReadAsTextAsync()).ShouldContain("<html", Case.Insensitive);
    }

    [Fact]
    public async Task Uses_the_configured_database_and_starts_no_cluster_of_its_own()
    {
        var database = app.Host.Services.GetRequiredService<MonitoringDatabase>();
        database.Embedded.ShouldBeNull();
        new NpgsqlConnectionStringBuilder(database.ConnectionString).Database
            .ShouldBe(new NpgsqlConnectionStringBuilder(app.NationalConnectionString).Database);
    }

    [Fact]
    public async Task Creates_the_event_store_and_message_storage_schemas_at_start_up()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select table_schema || '.' || table_name from information_schema.tables where table_schema in ('monitoring', 'wolverine')",
            connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        tables.ShouldContain("monitoring.mt_events");
        tables.ShouldContain("monitoring.mt_streams");
        tables.ShouldContain(t => t.StartsWith("wolverine.wolverine_"));
    }

    [Fact]
    public async Task Stores_event_metadata_user_correlation_causation_and_headers()
    {
        var streamId = Guid.NewGuid();
        await using (var session = app.LightweightSession())
        {
            session.CorrelationId = "corr-123";
            session.CausationId = "cause-456";
            session.LastModifiedBy = "van.phong@tinhuy";
            session.SetHeader("unit", "SO-CONG-THUONG");
            session.Events.StartStream(streamId, new MetadataProbed("Đồng Tháp"));
            await session.SaveChangesAsync();
        }

        await using var query = app.QuerySession();
        var stored = (await query.Events.FetchStreamAsync(streamId)).Single();
        ((MetadataProbed)stored.Data).Province.ShouldBe("Đồng Tháp");
        stored.CorrelationId.ShouldBe("corr-123");
        stored.CausationId.ShouldBe("cause-456");
        stored.UserName.ShouldBe("van.phong@tinhuy");
        stored.Headers!["unit"].ToString().ShouldBe("SO-CONG-THUONG");
    }

    public record MetadataProbed(string Province);
}
