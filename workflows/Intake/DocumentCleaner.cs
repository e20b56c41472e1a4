namespace Replies.Workflows.Intake;

/// <summary>
/// Removes what a web page adds after a document (an advert for reports, a copyright notice, 责任编辑 lines), as at
/// the end of seed 001. Only trailing lines are removed, and only those that carry such a marker, so the document's
/// own text is never cut.
/// </summary>
public static class DocumentCleaner
{
    private static readonly string[] Markers =
    [
        "版权", "未经许可", "转载", "本网站", "本站", "分析报告", "免责声明", "责任编辑", "来源：", "扫一扫", "关注微信", "原标题",
    ];

    /// <summary>The lines without the trailing boilerplate, and how many were removed.</summary>
    public static (IReadOnlyList<string> Lines, int Removed) StripTrailingBoilerplate(IReadOnlyList<string> lines)
    {
        var end = lines.Count;
        while (end > 0 && (string.IsNullOrWhiteSpace(lines[end - 1]) || Markers.Any(m => lines[end - 1].Contains(m, StringComparison.Ordinal))))
        {
            end--;
        }

        return ([.. lines.Take(end)], lines.Count - end);
    }
}
