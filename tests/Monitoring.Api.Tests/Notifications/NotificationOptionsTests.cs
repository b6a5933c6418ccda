using Microsoft.Extensions.Configuration;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Notifications;

namespace Monitoring.Api.Tests.Notifications;

/// <summary>The section <c>Notifications</c>: its defaults, and settings an operator may get wrong stop the start, naming them.</summary>
public class NotificationOptionsTests
{
    private static NotificationOptions Read(params (string Key, string Value)[] settings) =>
        NotificationOptions.Read(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void Defaults_remind_7_and_1_days_before_and_the_day_after_at_8_and_retry_with_doubling_back_off()
    {
        var options = Read();
        options.Schedule.DaysBefore.ShouldBe([7, 1]);
        options.Schedule.DaysAfter.ShouldBe([1]);
        options.RemindTime.ShouldBe(new TimeOnly(8, 0));
        options.ApprovalWait.ShouldBe(TimeSpan.FromDays(3));
        options.RetryDelay(1).ShouldBe(TimeSpan.FromSeconds(30));
        options.RetryDelay(2).ShouldBe(TimeSpan.FromSeconds(60));
        options.RetryDelay(20).ShouldBe(TimeSpan.FromHours(1));
        options.Absolute("/api/submissions/1").ShouldBe("http://localhost:5000/api/submissions/1");

        var configured = Read(("Notifications:ReminderDaysBefore:0", "10"), ("Notifications:PublicBaseUrl", "https://giamsat.tinhuy.example/"));
        configured.Schedule.DaysBefore.ShouldBe([10]);
        configured.Absolute("/api/obligations").ShouldBe("https://giamsat.tinhuy.example/api/obligations");
    }

    [Theory]
    [InlineData("Notifications:RemindAt", "8 giờ", "RemindAt")]
    [InlineData("Notifications:SweepAt", "25:00", "SweepAt")]
    [InlineData("Notifications:PublicBaseUrl", "giamsat.tinhuy", "PublicBaseUrl")]
    [InlineData("Notifications:ReminderDaysBefore:0", "-1", "ReminderDaysBefore")]
    [InlineData("Notifications:ApprovalWaitDays", "0", "ApprovalWaitDays")]
    [InlineData("Notifications:MaxAttempts", "many", "MaxAttempts")]
    [InlineData("Notifications:Secretariat:Emails:0", "van-phong", "Secretariat:Emails")]
    [InlineData("Notifications:Secretariat:Webhooks:0:Url", "ftp://x.example", "Secretariat:Webhooks")]
    public void A_setting_that_cannot_be_read_stops_the_start_naming_it(string key, string value, string named) =>
        Should.Throw<StartupConfigurationException>(() => Read((key, value))).Message.ShouldContain(named);
}
