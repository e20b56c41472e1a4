using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Replies.Workflows.Intake;

/// <summary>What was read from a proposal written in Word; the asks are split from the body by the caller.</summary>
public sealed record WordProposal(string Title, string Body);

/// <summary>A Word file that cannot be read as a proposal, with the reason in Chinese.</summary>
public sealed class UnreadableDocumentException(string message) : Exception(message);

/// <summary>
/// Reads a proposal from a .docx with the OpenXML SDK: the title is the paragraph styled as a title or heading, else
/// the first short paragraph (a 标题：/案由： line gives what follows it); the body is every later paragraph in order,
/// Word's automatic numbering written out as the deputy saw it (1．, 2．) so the asks split from it as from typed
/// text, a table's rows as lines of cells. Pictures are left to the original, which is kept beside the text. A part
/// larger than <see cref="MaxCharacters"/> or more than <see cref="MaxParagraphs"/> paragraphs is refused before it is
/// read whole, so a small file that expands enormously costs nothing.
/// </summary>
public static partial class WordProposalReader
{
    /// <summary>Most characters of the document part (a proposal is a few thousand).</summary>
    public const long MaxCharacters = 4_000_000;

    /// <summary>Most paragraphs read.</summary>
    public const int MaxParagraphs = 5_000;

    public static WordProposal Read(Stream docx)
    {
        ArgumentNullException.ThrowIfNull(docx);
        try
        {
            using var document = WordprocessingDocument.Open(docx, false, new OpenSettings { MaxCharactersInPart = MaxCharacters, AutoSave = false });
            var body = document.MainDocumentPart?.Document?.Body ?? throw new UnreadableDocumentException("该文件没有正文，请检查后重新上传。");
            var lines = new List<(string Text, bool Heading)>();
            var numbering = new Dictionary<(int NumId, int Level), int>();
            var count = 0;
            foreach (var block in body.ChildElements)
            {
                if (++count > MaxParagraphs)
                {
                    throw new UnreadableDocumentException($"该文件超过{MaxParagraphs}段，不像一件建议或提案，请精简后上传。");
                }

                switch (block)
                {
                    case Paragraph p:
                        lines.Add((Numbered(p, numbering) + TextOf(p), IsHeading(p)));
                        break;
                    case Table t:
                        foreach (var row in t.Elements<TableRow>())
                        {
                            lines.Add((string.Join("　", row.Elements<TableCell>().Select(c => string.Join(" ", c.Elements<Paragraph>().Select(TextOf)).Trim())), false));
                        }

                        break;
                }
            }

            return Shape(lines);
        }
        catch (OpenXmlPackageException)
        {
            throw new UnreadableDocumentException("无法读取该 Word 文件，文件可能已损坏，请用 Word 或 WPS 另存为 .docx 后重新上传。");
        }
        catch (Exception e) when (e is InvalidDataException or FileFormatException)
        {
            throw new UnreadableDocumentException("无法读取该 Word 文件，文件可能已损坏，请用 Word 或 WPS 另存为 .docx 后重新上传。");
        }
        catch (System.Xml.XmlException)
        {
            throw new UnreadableDocumentException("该 Word 文件内容过大或格式有误，请另存为 .docx 后重新上传。");
        }
    }

    private static WordProposal Shape(List<(string Text, bool Heading)> lines)
    {
        var kept = lines.Select(l => (Text: l.Text.Trim(), l.Heading)).Where(l => l.Text.Length > 0).ToList();
        if (kept.Count == 0)
        {
            throw new UnreadableDocumentException("该文件没有文字内容，请检查后重新上传。");
        }

        // The title: a line labelled as one, a heading, or the first line when it is short and not a sentence.
        var at = kept.FindIndex(l => TitleLabel().IsMatch(l.Text));
        if (at < 0)
        {
            at = kept.Take(3).ToList().FindIndex(l => l.Heading);
        }

        if (at < 0 && kept[0].Text.Length <= 80 && !kept[0].Text.EndsWith('。'))
        {
            at = 0;
        }

        var title = at < 0 ? "" : TitleLabel().Replace(kept[at].Text, "").Trim();
        var rest = kept.Where((_, i) => i != at).Select(l => l.Text);
        return new WordProposal(title, string.Join('\n', rest));
    }

    private static string TextOf(Paragraph p)
    {
        var text = new StringBuilder();
        foreach (var e in p.Descendants())
        {
            switch (e)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    // Word's automatic list numbers are not in the text: written out per list and level, as 1．2．3．
    private static string Numbered(Paragraph p, Dictionary<(int, int), int> numbering)
    {
        var properties = p.ParagraphProperties?.NumberingProperties;
        if (properties?.NumberingId?.Val?.Value is not { } numId || numId == 0)
        {
            return "";
        }

        var level = properties.NumberingLevelReference?.Val?.Value ?? 0;
        var key = (numId, level);
        numbering[key] = numbering.GetValueOrDefault(key) + 1;
        return level == 0 ? $"{numbering[key]}．" : $"（{numbering[key]}）";
    }

    private static bool IsHeading(Paragraph p) =>
        p.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } style
        && (style.StartsWith("Title", StringComparison.OrdinalIgnoreCase) || style.StartsWith("Heading1", StringComparison.OrdinalIgnoreCase) || style is "1" or "a3");

    [GeneratedRegex(@"^(?:标题|题目|案由|建议题目|提案题目)\s*[：:]\s*")]
    private static partial Regex TitleLabel();
}
