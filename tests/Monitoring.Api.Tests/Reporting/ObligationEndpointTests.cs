using System.Text.Json;
using Monitoring.Api.Infrastructure.Security;
using Monitoring.Api.Tests.Infrastructure;

namespace Monitoring.Api.Tests.Reporting;

/// <summary>
/// What units owe and how the reports came in, over HTTP with a controlled clock that only moves forward. The world is built
/// along a timeline before the tests read it: on 2 May 2023 (before the 2023-H1 data cut-off of 14/6, due 21/6) the resolutions
/// are defined; submissions come in on 19, 20 and 23 June; an approval on 26 June; the clock then stays on 15 July 2023.
/// </summary>
public class ObligationEndpointTests(ObligationEndpointTests.World app) : IClassFixture<ObligationEndpointTests.World>
{
    public sealed record Defined(Guid Resolution, Guid[] Targets, Guid[] Tasks, Guid Lead, Guid Coop, string LeadCode, string CoopCode);

    public sealed class World : AppFixture
    {
        protected override DateTimeOffset StartsAt => At("2023-05-02");

        /// <summary>401: a new target for a new unit after the cut-off. 402: a draft and an approved report. 404/405: late, missing, on time.</summary>
        public Defined Owing = null!, States = null!, Late = null!, OnTime = null!, Refusals = null!;
        public Guid Monthly, Ended, Newcomer, AddedTarget;
        public string NewcomerCode = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Owing = await DefineAsync("401-KL/TU");
            States = await DefineAsync("402-KL/TU");
            Late = await DefineAsync("404-KL/TU");
            OnTime = await DefineAsync("405-KL/TU");
            Refusals = await DefineAsync("407-KL/TU");
            var monthlyUnit = await this.RegisterUnitAsync(Code("M"));
            Monthly = (await this.PostAsync("/api/resolutions", new
            {
                number = "403-CTr/TU", kind = "ActionProgramme", issuingBody = "Ban Thường vụ Tỉnh ủy", issueDate = "2023-04-20", periodStartYear = 2023,
                periodEndYear = 2026, title = "Chương trình hành động báo cáo hằng tháng", reportingPeriods = new[] { "Month" },
                tasks = new[] { new { group = "Cải cách hành chính", statement = "Báo cáo tiến độ giải ngân vốn đầu tư công hằng tháng", leadUnitId = monthlyUnit } },
            }, 201)).GetProperty("id").GetGuid();
            var endedUnit = await this.RegisterUnitAsync(Code("E"));
            Ended = (await this.PostAsync("/api/resolutions", new
            {
                number = "406-NQ/TU", kind = "Resolution", issuingBody = "Tỉnh ủy", issueDate = "2016-05-10", periodStartYear = 2016, periodEndYear = 2020,
                title = "Nghị quyết giai đoạn 2016 - 2020",
                tasks = new[] { new { group = "Hạ tầng", statement = "Hoàn thành tuyến đường tuần tra biên giới", leadUnitId = endedUnit } },
            }, 201)).GetProperty("id").GetGuid();

            SetClock("2023-06-19");
            await this.AppendDraftSavedAsync(States.Coop, States.Resolution, "2023-H1");
            await this.AppendSubmittedAsync(States.Lead, States.Resolution, "2023-H1");

            // 20 June: after the 2023-H1 cut-off, a new target is given to a new unit; 405's units report on time.
            SetClock("2023-06-20");
            NewcomerCode = Code("N");
            Newcomer = await this.RegisterUnitAsync(NewcomerCode);
            AddedTarget = (await this.PostAsync("/api/targets", new
            {
                resolutionId = Owing.Resolution,
                target = new { field = "Kinh tế", statement = "Kim ngạch xuất nhập khẩu qua biên giới tăng 8%/năm", shape = "GrowthRate", minimum = 8, unitOfMeasure = "%/năm", targetYear = 2025, leadUnitId = Newcomer },
            }, 201)).GetProperty("id").GetGuid();
            await this.AppendSubmittedAsync(OnTime.Lead, OnTime.Resolution, "2023-H1");
            await this.AppendSubmittedAsync(OnTime.Coop, OnTime.Resolution, "2023-H1");

            SetClock("2023-06-23"); // two days after the due date
            await this.AppendSubmittedAsync(Late.Lead, Late.Resolution, "2023-H1");

            SetClock("2023-06-26");
            await this.AppendApprovedAsync(States.Lead, States.Resolution, "2023-H1");

            SetClock("2023-07-15");
        }

        private void SetClock(string day) => Clock.SetUtcNow(At(day));

        private static string Code(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..16].ToUpperInvariant();

        private async Task<Defined> DefineAsync(string number)
        {
            var (leadCode, coopCode) = (Code("L"), Code("C"));
            var lead = await this.RegisterUnitAsync(leadCode);
            var coop = await this.RegisterUnitAsync(coopCode);
            var body = await this.PostAsync("/api/resolutions", SeedData.BorderConclusion(number, lead, coop), 201);
            return new Defined(body.GetProperty("id").GetGuid(), body.GetProperty("targetIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(),
                body.GetProperty("taskIds").EnumerateArray().Select(e => e.GetGuid()).ToArray(), lead, coop, leadCode, coopCode);
        }
    }

    private static DateTimeOffset At(string day, int hour = 9) =>
        new DateTimeOffset(DateOnly.Parse(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(7)).ToUniversalTime();

    private static List<JsonElement> Items(JsonElement array) => array.EnumerateArray().ToList();

    [Fact]
    public async Task A_reporter_reads_its_own_obligations_and_an_assignment_after_the_cut_off_creates_none_for_that_period()
    {
        var (resolution, targets, tasks, lead, coop, leadCode, _) = app.Owing;

        var mine = Items(await app.GetAsync("/api/obligations", token: app.TokenFor(Roles.Reporter, leadCode)));
        // Assigned on 2 May 2023: the 2023-H1 report and the annual 2023 one, nothing for the periods before.
        mine.Select(o => o.GetProperty("period").GetString()).ShouldBe(["2023-H1", "2023"]);
        mine.ShouldAllBe(o => o.GetProperty("unitId").GetGuid() == lead);
        var h1 = mine[0];
        h1.GetProperty("resolutionNumber").GetString().ShouldBe("401-KL/TU");
        h1.GetProperty("periodName").GetString().ShouldBe("6 tháng đầu năm 2023");
        h1.GetProperty("dataFrom").GetString().ShouldBe("2022-12-15");
        h1.GetProperty("dataTo").GetString().ShouldBe("2023-06-14");
        h1.GetProperty("dueDate").GetString().ShouldBe("2023-06-21");
        h1.GetProperty("daysLeft").GetInt32().ShouldBe(-24);
        h1.GetProperty("daysOverdue").GetInt32().ShouldBe(24);
        h1.GetProperty("state").GetString().ShouldBe("NotStarted");
        h1.GetProperty("timeliness").GetString().ShouldBe("Missing");
        h1.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([targets[0], targets[2]], ignoreOrder: true);
        h1.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe(tasks, ignoreOrder: true);
        mine[1].GetProperty("timeliness").GetString().ShouldBe("NotYetDue");
        mine[1].GetProperty("daysLeft").GetInt32().ShouldBe(159);
        mine[1].GetProperty("daysOverdue").ValueKind.ShouldBe(JsonValueKind.Null);

        // The unit given a target on 20 June owes nothing for 2023-H1, only the annual report.
        var theirs = Items(await app.GetAsync("/api/obligations", token: app.TokenFor(Roles.Reporter, app.NewcomerCode)));
        theirs.Select(o => o.GetProperty("period").GetString()).ShouldBe(["2023"]);
        theirs[0].GetProperty("targets").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(app.AddedTarget);
        (await app.GetAsync($"/api/obligations?resolutionId={resolution}&period=2023-H1")).EnumerateArray()
            .Select(o => o.GetProperty("unitId").GetGuid()).ShouldBe([lead, coop], ignoreOrder: true);

        // Naming its own unit is fine; naming another is 403; the secretariat and the committee name any.
        (await app.GetAsync($"/api/obligations?unitId={lead}", token: app.TokenFor(Roles.Reporter, leadCode))).GetArrayLength().ShouldBe(2);
        await app.RefusedAsync(() => app.GetAsync($"/api/obligations?unitId={coop}", 403, app.TokenFor(Roles.Reporter, leadCode)));
        (await app.GetAsync($"/api/obligations?unitId={coop}&period=2023-H1")).GetArrayLength().ShouldBe(1);
        (await app.GetAsync($"/api/obligations?unitId={coop}&period=2023-H1", token: app.TokenFor(Roles.Committee))).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Obligations_show_the_submissions_state_and_filter_by_it()
    {
        var (resolution, _, _, lead, coop, _, _) = app.States;

        var all = Items(await app.GetAsync($"/api/obligations?resolutionId={resolution}&period=2023-H1")).ToDictionary(o => o.GetProperty("unitId").GetGuid());
        all[lead].GetProperty("state").GetString().ShouldBe("Approved");
        all[lead].GetProperty("timeliness").GetString().ShouldBe("OnTime");
        all[lead].GetProperty("daysOverdue").ValueKind.ShouldBe(JsonValueKind.Null);
        all[coop].GetProperty("state").GetString().ShouldBe("Draft");
        all[coop].GetProperty("timeliness").GetString().ShouldBe("Missing");
        (await app.GetAsync($"/api/obligations?resolutionId={resolution}&state=Draft")).EnumerateArray()
            .Select(o => o.GetProperty("unitId").GetGuid()).ShouldBe([coop]);
    }

    [Fact]
    public async Task Obligations_as_of_a_past_day_show_the_state_and_days_left_of_that_day()
    {
        var (resolution, _, _, lead, coop, _, _) = app.States;
        // 20 June 2023: the lead unit had submitted (approved only on 26 June), the other one had a draft; one day before the due date.
        var then = Items(await app.GetAsync($"/api/obligations?resolutionId={resolution}&period=2023-H1&asOf=2023-06-20"))
            .ToDictionary(o => o.GetProperty("unitId").GetGuid());
        then[lead].GetProperty("state").GetString().ShouldBe("Submitted");
        then[coop].GetProperty("state").GetString().ShouldBe("Draft");
        then[coop].GetProperty("daysLeft").GetInt32().ShouldBe(1);
        then[coop].GetProperty("timeliness").GetString().ShouldBe("NotYetDue");
        (await app.GetAsync($"/api/obligations?asOf=20/06/2023", 400)).ErrorFields().ShouldBe(["asOf"]);
    }

    [Fact]
    public async Task A_due_date_falls_after_the_public_holidays_of_the_configured_calendar()
    {
        (await app.GetAsync($"/api/resolutions/{app.Monthly}")).GetProperty("reportingPeriods").EnumerateArray().Select(k => k.GetString()).ShouldBe(["Month"]);

        // February 2026's data end on Saturday 14/2; Tết Bính Ngọ takes 16/2 – 20/2 (Reporting:Holidays): 3 working days later is 25/2.
        var february = Items(await app.GetAsync($"/api/obligations?resolutionId={app.Monthly}&period=2026-02")).Single();
        february.GetProperty("dueDate").GetString().ShouldBe("2026-02-25");
        // Without holidays after its cut-off: June 2023's data end on Wednesday 14/6, due Monday 19/6.
        Items(await app.GetAsync($"/api/obligations?resolutionId={app.Monthly}&period=2023-06")).Single()
            .GetProperty("dueDate").GetString().ShouldBe("2023-06-19");
        // Listed without a period: the months whose data window has begun by 15 July (August's begins that day) and whose
        // cut-off is not before the assignment of 2 May (April's data ended on 14/4).
        Items(await app.GetAsync($"/api/obligations?resolutionId={app.Monthly}")).Select(o => o.GetProperty("period").GetString())
            .ShouldBe(["2023-05", "2023-06", "2023-07", "2023-08"]);
        // Not reported on half-years: it expects no six-month report.
        (await app.GetAsync($"/api/obligations?resolutionId={app.Monthly}&period=2023-H1")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Completeness_counts_a_late_report_late_lists_missing_units_and_answers_as_known_then()
    {
        var (resolution, _, _, lead, coop, leadCode, coopCode) = app.Late;

        var one = await app.GetAsync($"/api/reporting/completeness?period=2023-H1&resolutionId={resolution}");
        one.GetProperty("dueDate").GetString().ShouldBe("2023-06-21");
        var total = one.GetProperty("total");
        total.GetProperty("expected").GetInt32().ShouldBe(2);
        total.GetProperty("submitted").GetInt32().ShouldBe(1);
        total.GetProperty("onTime").GetInt32().ShouldBe(0);
        total.GetProperty("late").GetInt32().ShouldBe(1);
        total.GetProperty("missing").GetInt32().ShouldBe(1);
        total.GetProperty("reportingRate").GetDecimal().ShouldBe(50.0m);
        total.GetProperty("onTimeRate").GetDecimal().ShouldBe(0m);
        one.GetProperty("late").EnumerateArray().Select(x => x.GetProperty("unitCode").GetString()).ShouldBe([leadCode]);
        one.GetProperty("missing").EnumerateArray().Select(x => x.GetProperty("unitCode").GetString()).ShouldBe([coopCode]);
        var byResolution = one.GetProperty("resolutions").EnumerateArray().Single();
        byResolution.GetProperty("reportedOnPeriod").GetBoolean().ShouldBeTrue();
        byResolution.GetProperty("lateUnits").EnumerateArray().Single().GetProperty("unitId").GetGuid().ShouldBe(lead);
        byResolution.GetProperty("missingUnits").EnumerateArray().Single().GetProperty("unitId").GetGuid().ShouldBe(coop);

        // Per unit across resolutions, and the default period (the latest half-year or year due: 2023-H1 on 15 July).
        var everything = await app.GetAsync($"/api/reporting/completeness?unitId={app.OnTime.Lead}");
        everything.GetProperty("period").GetString().ShouldBe("2023-H1");
        everything.GetProperty("units").EnumerateArray().Single().GetProperty("counts").GetProperty("onTime").GetInt32().ShouldBe(1);
        var all = await app.GetAsync("/api/reporting/completeness?period=2023-H1");
        all.GetProperty("resolutions").EnumerateArray().Single(r => r.GetProperty("resolutionId").GetGuid() == app.OnTime.Resolution)
            .GetProperty("counts").GetProperty("onTimeRate").GetDecimal().ShouldBe(100.0m);
        all.GetProperty("late").EnumerateArray().Select(x => x.GetProperty("unitId").GetGuid()).ShouldBe([lead]);

        // As known on 22 June: the late report had not come in yet, and both units were missing.
        var then = await app.GetAsync($"/api/reporting/completeness?period=2023-H1&resolutionId={resolution}&asOf=2023-06-22");
        then.GetProperty("asOf").GetString().ShouldBe("2023-06-22");
        then.GetProperty("total").GetProperty("missing").GetInt32().ShouldBe(2);
        then.GetProperty("total").GetProperty("submitted").GetInt32().ShouldBe(0);
        // As known on 20 June: nothing was due yet.
        (await app.GetAsync($"/api/reporting/completeness?period=2023-H1&resolutionId={resolution}&asOf=2023-06-20"))
            .GetProperty("total").GetProperty("notYetDue").GetInt32().ShouldBe(2);

        // The overview reads the same completeness for the resolution's latest period due.
        var overview = await app.GetAsync($"/api/resolutions/{resolution}/overview");
        overview.GetProperty("currentPeriod").GetString().ShouldBe("2023-H1");
        overview.GetProperty("reporting").GetProperty("late").GetInt32().ShouldBe(1);
        overview.GetProperty("unitsLate").EnumerateArray().Select(u => u.GetProperty("unitId").GetGuid()).ShouldBe([lead, coop], ignoreOrder: true);
        overview.GetProperty("unitsLate").EnumerateArray().Single(u => u.GetProperty("unitId").GetGuid() == lead)
            .GetProperty("timeliness").GetString().ShouldBe("Late");
    }

    [Fact]
    public async Task A_resolution_that_ended_before_the_period_expects_nothing()
    {
        var completeness = await app.GetAsync($"/api/reporting/completeness?period=2023-H1&resolutionId={app.Ended}");
        completeness.GetProperty("total").GetProperty("expected").GetInt32().ShouldBe(0);
        completeness.GetProperty("total").GetProperty("reportingRate").ValueKind.ShouldBe(JsonValueKind.Null);
        var row = completeness.GetProperty("resolutions").EnumerateArray().Single();
        row.GetProperty("reportedOnPeriod").GetBoolean().ShouldBeFalse();
        row.GetProperty("missingUnits").GetArrayLength().ShouldBe(0);

        var overview = await app.GetAsync($"/api/resolutions/{app.Ended}/overview");
        overview.GetProperty("currentPeriod").GetString().ShouldBe("2020");
        overview.GetProperty("unitsLate").GetArrayLength().ShouldBe(0);
        (await app.GetAsync($"/api/resolutions/{app.Ended}/overview?period=2023-H1")).GetProperty("unitsLate").GetArrayLength().ShouldBe(0);
        (await app.GetAsync($"/api/obligations?resolutionId={app.Ended}")).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Bad_parameters_are_400s_naming_them_unknown_ids_404_and_nothing_is_appended()
    {
        foreach (var (url, field) in new[]
        {
            ("/api/obligations?period=2023-H3", "period"),
            ("/api/obligations?period=2021-2023", "period"),
            ("/api/obligations?state=bogus", "state"),
            ("/api/obligations?state=1", "state"),
            ("/api/obligations?unitId=xyz", "unitId"),
            ("/api/reporting/completeness?period=bogus", "period"),
            ("/api/reporting/completeness?asOf=yesterday", "asOf"),
            ("/api/reporting/completeness?asOf=2023-02-30", "asOf"),
            ($"/api/resolutions/{app.Refusals.Resolution}/overview?period=2023-H3", "period"),
        })
            (await app.RefusedAsync(() => app.GetAsync(url, 400))).ErrorFields().ShouldBe([field], url);

        await app.RefusedAsync(() => app.GetAsync($"/api/obligations?unitId={Guid.NewGuid()}", 404));
        await app.RefusedAsync(() => app.GetAsync($"/api/obligations?resolutionId={Guid.NewGuid()}", 404));
        await app.RefusedAsync(() => app.GetAsync($"/api/reporting/completeness?resolutionId={Guid.NewGuid()}", 404));
        await app.RefusedAsync(() => app.GetAsync($"/api/reporting/completeness?unitId={Guid.NewGuid()}", 404));
        await app.RefusedAsync(() => app.GetAsync("/api/reporting/completeness", 403, app.TokenFor(Roles.Reporter, app.Refusals.LeadCode)));

        (await app.RefusedAsync(() => app.PostAsync("/api/resolutions", new
        {
            number = "408-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2023-04-20", periodStartYear = 2023, periodEndYear = 2025,
            title = "Kết luận báo cáo theo giai đoạn", reportingPeriods = new[] { "Year", "Span" },
        }, 400))).ErrorFields().ShouldBe(["reportingPeriods[1]"]);
        (await app.RefusedAsync(() => app.PostAsync("/api/resolutions", new
        {
            number = "409-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2023-04-20", periodStartYear = 2023, periodEndYear = 2025,
            title = "Kết luận báo cáo theo quý", reportingPeriods = new[] { "Quarter", "Quarter" },
        }, 400))).ErrorFields().ShouldBe(["reportingPeriods"]);
        (await app.RefusedAsync(() => app.PostAsync("/api/resolutions", new
        {
            number = "410-KL/TU", kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2023-04-20", periodStartYear = 2023, periodEndYear = 2025,
            title = "Kết luận báo cáo theo tuần", reportingPeriods = new[] { "Week" },
        }, 400))).ErrorFields().ShouldBe(["reportingPeriods[0]"]);
    }

    [Fact]
    public async Task An_imported_document_names_the_periods_its_resolution_is_reported_on()
    {
        object Document(string number, string[] kinds) => new
        {
            resolution = new
            {
                number, kind = "Conclusion", issuingBody = "Tỉnh ủy", issueDate = "2021-10-20", periodStartYear = 2021, periodEndYear = 2025,
                title = "Kết luận báo cáo hằng quý", reportingPeriods = kinds,
            },
        };
        var imported = await app.PostAsync("/api/resolutions/import", Document("411-KL/TU", ["Quarter", "Year"]), 201);
        (await app.GetAsync($"/api/resolutions/{imported.GetProperty("resolutionId").GetGuid()}")).GetProperty("reportingPeriods").EnumerateArray()
            .Select(k => k.GetString()).ShouldBe(["Year", "Quarter"]);
        (await app.RefusedAsync(() => app.PostAsync("/api/resolutions/import", Document("412-KL/TU", ["Span"]), 400)))
            .ErrorFields().ShouldBe(["resolution.reportingPeriods[0]"]);
    }
}
