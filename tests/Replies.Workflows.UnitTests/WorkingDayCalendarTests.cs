using Replies.Workflows.Rules;

namespace Replies.Workflows.UnitTests;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Shipped;

    [Fact]
    public void The_shipped_calendar_covers_the_published_years()
    {
        Assert.Equal([2024, 2025, 2026], Calendar.KnownYears.Order());
    }

    [Theory]
    [InlineData("2026-02-16", false)] // 春节 holiday on a Monday
    [InlineData("2026-02-14", true)]  // 调休: Saturday worked before 春节
    [InlineData("2026-02-28", true)]  // 调休: Saturday worked after 春节
    [InlineData("2026-10-10", true)]  // 调休: Saturday worked after 国庆
    [InlineData("2026-10-07", false)] // 国庆 on a Wednesday
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    [InlineData("2026-03-09", true)]  // an ordinary Monday
    [InlineData("2025-01-26", true)]  // 调休 Sunday in 2025
    public void Holidays_and_adjusted_working_days_come_from_the_year_file(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Five_working_days_across_the_spring_festival_skip_the_holiday_and_count_the_adjusted_saturday()
    {
        // Assigned Thu 2026-02-12: Fri 13, Sat 14 (调休), then 15-23 off, Tue 24, Wed 25, Thu 26.
        var due = Calendar.AddWorkingDays(new DateOnly(2026, 2, 12), 5);

        Assert.Equal(new DateOnly(2026, 2, 26), due.Date);
        Assert.False(due.Estimated);
    }

    [Fact]
    public void Twenty_working_days_over_national_day_count_the_adjusted_saturdays()
    {
        // From Fri 2026-09-18: Sep 20 (Sun, 调休) works, 中秋 Sep 25-27 and 国庆 Oct 1-7 off, Oct 10 (Sat, 调休) works.
        var due = Calendar.AddWorkingDays(new DateOnly(2026, 9, 18), 20);

        Assert.Equal(new DateOnly(2026, 10, 22), due.Date);
        Assert.Equal(20, Calendar.WorkingDaysBetween(new DateOnly(2026, 9, 18), due.Date));
    }

    [Fact]
    public void A_window_running_into_an_unpublished_year_is_computed_on_weekends_and_flagged()
    {
        var due = Calendar.AddWorkingDays(new DateOnly(2026, 12, 28), 10);

        Assert.True(due.Estimated);
        Assert.Equal(new DateOnly(2027, 1, 11), due.Date);
        Assert.False(Calendar.AddWorkingDays(new DateOnly(2026, 12, 1), 5).Estimated);
    }
}
