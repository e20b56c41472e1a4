namespace Replies.Functions.Web;

/// <summary>Dates as Chinese officials write them: 2026年3月2日, times in China.</summary>
public static class ChineseDates
{
    public static string Day(DateOnly? date) => date is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : "—";

    public static string Day(DateTime? utc) => utc is { } t ? Day(DateOnly.FromDateTime(t.AddHours(8))) : "—";

    public static string Moment(DateTime? utc) => utc is { } t ? $"{Day(utc)} {t.AddHours(8):HH:mm}" : "—";

    /// <summary>Days left as a person says it: 还剩 5 天, 今天到期, 已逾期 3 天.</summary>
    public static string DaysLeft(int? days) => days switch
    {
        null => "",
        0 => "今天到期",
        < 0 => $"已逾期 {-days} 天",
        _ => $"还剩 {days} 天",
    };
}
