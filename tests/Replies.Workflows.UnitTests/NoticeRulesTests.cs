using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Notices;
using Replies.Workflows.Rules;

namespace Replies.Workflows.UnitTests;

/// <summary>Quiet hours, texts fitted to one SMS segment, and who a notice reaches outside the app.</summary>
public sealed class NoticeRulesTests
{
    [Theory]
    [InlineData("2026-12-07T13:59:00Z", null)] // 21:59 China time
    [InlineData("2026-12-07T14:00:00Z", "2026-12-08T00:00:00Z")] // 22:00
    [InlineData("2026-12-07T15:30:00Z", "2026-12-08T00:00:00Z")] // 23:30
    [InlineData("2026-12-07T16:00:00Z", "2026-12-08T00:00:00Z")] // 00:00 the next day
    [InlineData("2026-12-07T23:59:00Z", "2026-12-08T00:00:00Z")] // 07:59
    [InlineData("2026-12-08T00:00:00Z", null)] // 08:00
    public void Quiet_hours_run_from_ten_at_night_to_eight_in_the_morning_china_time(string utc, string? until)
    {
        var at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var expected = until is null ? (DateTime?)null : DateTime.Parse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(expected, ChinaTime.QuietUntil(at));
    }

    [Fact]
    public void A_long_notice_gives_way_in_its_title_first_and_keeps_its_dates()
    {
        const string message = "催办：《关于进一步完善市人大十二届三次会议期间代表建议办理工作机制并加强跟踪督办的建议》将于2027年3月14日到期，请抓紧办理答复。";
        var fitted = NoticeTexts.Fit(message, 50);
        Assert.Equal(50, fitted.Length);
        Assert.StartsWith("催办：《关于进一步", fitted, StringComparison.Ordinal);
        Assert.EndsWith("…》将于2027年3月14日到期，请抓紧办理答复。", fitted, StringComparison.Ordinal);
        Assert.Equal(message, NoticeTexts.Fit(message, 200));
        Assert.Equal(20, NoticeTexts.Fit(message, 20).Length);
        Assert.Equal(10, NoticeTexts.Fit(new string('字', 30), 10).Length);
    }

    [Fact]
    public void A_departments_notice_reaches_its_duty_handler_its_leader_for_approvals_and_both_for_escalations()
    {
        var directory = Directory(
            new Department("市科学技术局", "市科技局", "duty", "boss"),
            new DirectoryPerson("duty", "值班", Role.Handler, "市科学技术局", Mobile: "13900000001", Email: "duty@example.cn", Channels: [NoticeChannel.Mail, NoticeChannel.Sms]),
            new DirectoryPerson("other", "另一承办人", Role.Handler, "市科学技术局", Email: "other@example.cn", Channels: [NoticeChannel.Mail]),
            new DirectoryPerson("boss", "领导", Role.Leader, "市科学技术局", Mobile: "13900000002", Channels: [NoticeChannel.Sms, NoticeChannel.Mail]),
            new DirectoryPerson("clerk", "督办", Role.Clerk, Email: "clerk@example.cn", Channels: [NoticeChannel.Mail]),
            new DirectoryPerson("deputy", "代表", Role.Proposer, Kind: ProposalKind.Suggestion, Email: "d@example.cn"));
        string[] Reached(string recipient, NotificationKind kind) =>
            [.. NoticeAudience.Of(recipient, kind, directory.People, directory.Departments).Select(d => $"{d.Person.PersonId}:{d.Channel}").Order(StringComparer.Ordinal)];

        Assert.Equal(["duty:Mail", "duty:Sms"], Reached(Recipients.Department("市科学技术局"), NotificationKind.Task));
        Assert.Equal(["boss:Sms"], Reached(Recipients.Department("市科学技术局"), NotificationKind.Approval));
        Assert.Equal(["boss:Sms", "duty:Mail", "duty:Sms"], Reached(Recipients.Department("市科学技术局"), NotificationKind.Escalation));
        Assert.Equal(["clerk:Mail"], Reached(Recipients.ClerkOffice, NotificationKind.Escalation));
        // Chose no channel: 消息 only.
        Assert.Empty(Reached(Recipients.Person("deputy"), NotificationKind.Reply));
        Assert.Empty(Reached(Recipients.Department("市不存在局"), NotificationKind.Task));
    }

    [Fact]
    public void Without_a_named_duty_handler_every_handler_of_the_department_is_reached()
    {
        var directory = Directory(
            new Department("市教育局", "市教育局"),
            new DirectoryPerson("a", "甲", Role.Handler, "市教育局", Email: "a@example.cn", Channels: [NoticeChannel.Mail]),
            new DirectoryPerson("b", "乙", Role.Handler, "市教育局", Email: "b@example.cn", Channels: [NoticeChannel.Mail]));
        Assert.Equal(["a", "b"], NoticeAudience.Of(Recipients.Department("市教育局"), NotificationKind.Task, directory.People, directory.Departments).Select(d => d.Person.PersonId).Order(StringComparer.Ordinal));
    }

    private static (DirectoryPerson[] People, Department[] Departments) Directory(Department department, params DirectoryPerson[] people) => (people, [department]);
}
