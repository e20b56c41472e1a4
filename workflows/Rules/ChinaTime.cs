using System.Globalization;

namespace Replies.Workflows.Rules;

/// <summary>
/// China time and dates as Chinese officials write them, in one place: deadlines fall on China calendar days
/// (UTC+8, no daylight saving), letters and pages say 2026年3月2日, ledgers 2026-03-02.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The China wall-clock time of a UTC moment.</summary>
    public static DateTime Local(DateTime utc) => utc + Offset;

    /// <summary>The China calendar day of a UTC moment.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(utc + Offset);

    /// <summary>The last second of a China calendar day, in UTC: when a deadline on that day falls due.</summary>
    public static DateTime EndOf(DateOnly date) => date.ToDateTime(new TimeOnly(23, 59, 59), DateTimeKind.Utc) - Offset;

    /// <summary>Today in China by the injected clock.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOf(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>2026年3月2日.</summary>
    public static string Day(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>2026年3月2日, or — for none.</summary>
    public static string Day(DateOnly? date) => date is { } d ? Day(d) : "—";

    /// <summary>The China day of a UTC moment, or — for none.</summary>
    public static string Day(DateTime? utc) => utc is { } t ? Day(DateOf(t)) : "—";

    /// <summary>2026年3月2日 14:05 (China time), or — for none.</summary>
    public static string Moment(DateTime? utc) => utc is { } t ? $"{Day(DateOf(t))} {Local(t).ToString("HH:mm", CultureInfo.InvariantCulture)}" : "—";

    /// <summary>2026-03-02, for ledgers and forms.</summary>
    public static string IsoDay(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Days left as a person says it: 还剩 5 天, 今天到期, 已逾期 3 天.</summary>
    public static string DaysLeft(int? days) => days switch
    {
        null => "",
        0 => "今天到期",
        < 0 => $"已逾期 {-days} 天",
        _ => $"还剩 {days} 天",
    };

    /// <summary>
    /// The end of the quiet hours (22:00 to 08:00 China time) that <paramref name="utc"/> falls in, as UTC, or null
    /// outside them: no SMS wakes anyone at night.
    /// </summary>
    public static DateTime? QuietUntil(DateTime utc)
    {
        var local = Local(utc);
        var eight = local.Date.AddHours(8);
        return local.Hour >= 22 ? eight.AddDays(1) - Offset : local.Hour < 8 ? eight - Offset : null;
    }
}
