using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Replies.Workflows.Intake;

/// <summary>
/// What the importer read from a reply letter. A field it could not find is null and named in <see cref="Missing"/>;
/// nothing is guessed.
/// </summary>
public sealed record ImportedLetter(
    string? ProposerName,
    ProposalKind? Kind,
    string? Title,
    string? Session,
    string? Department,
    string? Handler,
    string? Phone,
    IReadOnlyList<string> Body,
    IReadOnlyList<string> Missing);

/// <summary>
/// Reads a reply letter (plain text or .docx) after normalising it: the salutation gives the proposer and kind (代表 for
/// a deputy's 建议, 委员 for a member's 提案), the 《》 before 收悉 the title, 在…会议上 the session, the first
/// 市…局/委/办 named as acting the department, and the 承办人 / 联系电话 lines the handler and phone.
/// </summary>
public static partial class ReplyLetterImporter
{
    /// <summary>Reads a letter from its bytes: a .docx when it is a zip package, otherwise UTF-8 text.</summary>
    public static ImportedLetter Read(byte[] content) =>
        content.Length > 4 && content[0] == 'P' && content[1] == 'K' ? ReadText(DocxText(content)) : ReadText(System.Text.Encoding.UTF8.GetString(content));

    /// <summary>Reads a letter from its text.</summary>
    public static ImportedLetter ReadText(string raw)
    {
        var lines = TextNormaliser.Normalise(raw).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        string? name = null;
        ProposalKind? kind = null;
        var start = 0;
        // A letter as issued opens with its number, 签发人 and title before the salutation; an extract opens with it.
        for (var i = 0; i < Math.Min(lines.Count, 8); i++)
        {
            if (Salutation().Match(lines[i]) is { Success: true } s)
            {
                name = s.Groups["name"].Value;
                kind = s.Groups["title"].Value is "代表" ? ProposalKind.Suggestion : ProposalKind.Proposal;
                start = i + 1;
                break;
            }
        }

        var head = string.Join('\n', lines.Skip(start).Take(3));
        var title = Cited().Match(head) is { Success: true } t ? t.Groups[1].Value.Trim() : null;
        var session = Session().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
        string? handler = null;
        string? phone = null;
        var body = new List<string>();
        foreach (var line in lines.Skip(start))
        {
            // 承办人 and 联系电话 stand on their own lines or share one, as in the rendered letter.
            var h = HandlerLine().Match(line);
            var p = PhoneLine().Match(line);
            if (h.Success)
            {
                handler = h.Groups[1].Value.Trim();
            }

            if (p.Success)
            {
                phone = p.Groups[1].Value.Trim();
            }

            if (!h.Success && !p.Success)
            {
                body.Add(line);
            }
        }

        var department = Acting().Match(string.Join('\n', body)) is { Success: true } d ? d.Groups[1].Value : null;
        var missing = new List<string>();
        void Check(string field, object? value)
        {
            if (value is null)
            {
                missing.Add(field);
            }
        }

        Check("proposerName", name);
        Check("kind", kind);
        Check("title", title);
        Check("session", session);
        Check("department", department);
        Check("handler", handler);
        Check("phone", phone);
        return new ImportedLetter(name, kind, title, session, department, handler, phone, body, missing);
    }

    private static string DocxText(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
        var entry = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("The .docx has no word/document.xml.");
        using var stream = entry.Open();
        XNamespace w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var doc = XDocument.Load(stream);
        return string.Join('\n', doc.Descendants(w + "p").Select(p => string.Concat(p.Descendants(w + "t").Select(t => t.Value))));
    }

    [GeneratedRegex(@"^(?:尊敬的)?(?<name>[\u4E00-\u9FFF·]{2,6}?)(?<title>代表|委员|委員)[：:]$")]
    private static partial Regex Salutation();

    [GeneratedRegex(@"《([^》]{4,120})》[^\n]{0,12}?收悉")]
    private static partial Regex Cited();

    [GeneratedRegex(@"在([^，。\n]{2,30}?会议)上")]
    private static partial Regex Session();

    [GeneratedRegex(@"^(?:承办人|承辦人)[：:]\s*([^\s：:]+?)(?=\s|$|联系|聯)")]
    private static partial Regex HandlerLine();

    [GeneratedRegex(@"(?:^|\s)(?:联系电话|聯繫電話|聯系電話|联系方式)[：:]\s*([0-9０-９\-－()（）\s]{5,30}[0-9０-９])")]
    private static partial Regex PhoneLine();

    // A department named as the subject of what was done: 市科技局高度重视, 市科技局充分发挥.
    [GeneratedRegex(@"((?:[\u4E00-\u9FFF]{2,4}市)?市?[\u4E00-\u9FFF]{1,8}?(?:局|委员会|委|办公室|办))(?:高度重视|充分发挥|认真|积极|坚持|围绕|聚焦)")]
    private static partial Regex Acting();
}
