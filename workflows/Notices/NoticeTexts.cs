using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Notices;

/// <summary>How each kind of notice is named to people: in 消息, mail subjects and SMS.</summary>
public static class NoticeTexts
{
    /// <summary>待办, 催办, 督办, 答复, 待审签 or 通知.</summary>
    public static string Label(NotificationKind kind) => kind switch
    {
        NotificationKind.Task => "待办",
        NotificationKind.Reminder => "催办",
        NotificationKind.Escalation => "督办",
        NotificationKind.Reply => "答复",
        NotificationKind.Approval => "待审签",
        _ => "通知",
    };

    /// <summary>
    /// The notice's text shortened to <paramref name="max"/> characters: the quoted title (《…》) gives way first, since
    /// the dates and what to do come after it; then the end.
    /// </summary>
    public static string Fit(string message, int max)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length <= max)
        {
            return message;
        }

        var open = message.IndexOf('《', StringComparison.Ordinal);
        var close = open < 0 ? -1 : message.IndexOf('》', open);
        if (close > open + 2)
        {
            var keep = (close - open - 1) - (message.Length - max) - 1;
            if (keep >= 4)
            {
                return string.Concat(message.AsSpan(0, open + 1 + keep), "…", message.AsSpan(close));
            }

            var shorter = string.Concat(message.AsSpan(0, open + 1 + 4), "…", message.AsSpan(close));
            return shorter.Length <= max ? shorter : string.Concat(shorter.AsSpan(0, max - 1), "…");
        }

        return string.Concat(message.AsSpan(0, max - 1), "…");
    }
}
