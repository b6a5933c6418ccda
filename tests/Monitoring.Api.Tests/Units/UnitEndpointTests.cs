using System.Text.Json;
using Alba;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Units;

public class UnitEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Registers_a_unit_and_reads_it_back()
    {
        var created = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code = "so-cong-thuong", name = "Ban cán sự đảng Sở Công Thương", kind = "Department" }).ToUrl("/api/units");
            s.Authorized(app.SecretariatToken);
            s.StatusCodeShouldBe(201);
        });
        var id = JsonDocument.Parse(await created.ReadAsTextAsync()).RootElement.GetProperty("id").GetGuid();

        var read = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/units/{id}");
            s.Authorized(app.SecretariatToken);
        });
        var unit = JsonDocument.Parse(await read.ReadAsTextAsync()).RootElement;
        unit.GetProperty("code").GetString().ShouldBe("SO-CONG-THUONG");
        unit.GetProperty("name").GetString().ShouldBe("Ban cán sự đảng Sở Công Thương");
        unit.GetProperty("kind").GetString().ShouldBe("Department");
    }

    [Fact]
    public async Task Invalid_unit_is_refused_naming_the_fields_and_nothing_is_appended()
    {
        var before = await app.EventCountAsync();
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { code = "", name = "", kind = "Department" }).ToUrl("/api/units");
            s.Authorized(app.SecretariatToken);
            s.WithRequestHeader("Accept-Language", "vi");
            s.StatusCodeShouldBe(400);
        });
        var body = JsonDocument.Parse(await result.ReadAsTextAsync()).RootElement;
        var errors = body.GetProperty("errors");
        errors.TryGetProperty("code", out _).ShouldBeTrue();
        errors.TryGetProperty("name", out _).ShouldBeTrue();
        errors.GetProperty("name")[0].GetString()!.ShouldContain("không");
        (await app.EventCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Lists_units_with_filters_and_paging_and_refuses_a_duplicate_code()
    {
        await app.RegisterUnitAsync("HU-TAN-HONG", "Huyện ủy Tân Hồng");
        await app.RegisterUnitAsync("HU-HONG-NGU", "Huyện ủy Hồng Ngự");
        var page = await app.GetAsync("/api/units?search=Huyện ủy&pageSize=1");
        page.GetProperty("totalItems").GetInt32().ShouldBe(2);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        (await app.GetAsync("/api/units?kind=Front")).GetProperty("totalItems").GetInt32().ShouldBe(0);
        await app.RefusedAsync(() => app.PostAsync("/api/units", new { code = "hu-tan-hong", name = "Trùng mã", kind = "DistrictPartyCommittee" }, 409));
        await app.RefusedAsync(() => app.PostAsync("/api/units", new { code = "X-1", name = "Cấp dưới", kind = "Department", parentUnitId = Guid.NewGuid() }, 404));
    }

    [Fact]
    public async Task Unknown_unit_is_404() =>
        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/units/{Guid.NewGuid()}");
            s.Authorized(app.SecretariatToken);
            s.StatusCodeShouldBe(404);
        });
}
