namespace Replies.Workflows.Letters;

/// <summary>The parts of a reply letter in the GB/T 9704 letter layout (信函格式).</summary>
public sealed record LetterContent(
    string LetterNumber,
    string SignedBy,
    string Title,
    string Salutation,
    IReadOnlyList<string> Body,
    string Signature,
    DateOnly Date,
    IReadOnlyList<string> CopyTo,
    string? Handler,
    string? Phone,
    Disclosure Disclosure)
{
    /// <summary>The date as written on Chinese official documents: 2026年3月2日.</summary>
    public string ChineseDate => Rules.ChinaTime.Day(Date);

    /// <summary>The disclosure note printed under the date.</summary>
    public string DisclosureNote => Disclosure switch
    {
        Disclosure.Full => "（此件公开发布）",
        Disclosure.Summary => "（此件摘要公开）",
        _ => "（此件不公开）",
    };
}
