using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Replies.Workflows.Letters;

/// <summary>
/// Renders a reply letter as a .docx laid out per GB/T 9704-2012: A4 with margins of 37/35/28/26 mm, title in 2号
/// 小标宋 centred, text in 3号 仿宋 with fixed 28.95 pt lines (22 lines of 28 characters), first-line indent of two
/// characters, signature and date right-aligned, 抄送 above the handler line. Written with the framework's zip support:
/// a .docx is a handful of XML parts.
/// </summary>
public static class LetterRenderer
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const int BodySize = 32;   // half-points: 3号 = 16 pt
    private const int TitleSize = 44;  // 2号 = 22 pt
    private const int LineTwips = 579; // 28.95 pt

    /// <summary>The .docx bytes.</summary>
    public static byte[] Render(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", ContentTypes);
            Add(zip, "_rels/.rels", Rels);
            Add(zip, "word/document.xml", Document(letter));
        }

        return buffer.ToArray();
    }

    /// <summary>The plain text of a letter, in reading order (for search and previews).</summary>
    public static string PlainText(LetterContent letter)
    {
        var lines = new List<string> { $"{letter.LetterNumber}    签发人：{letter.SignedBy}", letter.Title, letter.Salutation };
        lines.AddRange(letter.Body);
        lines.Add(letter.Signature);
        lines.Add(letter.ChineseDate);
        lines.Add(letter.DisclosureNote);
        if (letter.CopyTo.Count > 0)
        {
            lines.Add("抄送：" + string.Join("，", letter.CopyTo) + "。");
        }

        if (letter.Handler is not null)
        {
            lines.Add($"承办人：{letter.Handler}    联系电话：{letter.Phone}");
        }

        return string.Join('\n', lines);
    }

    private static string Document(LetterContent l)
    {
        var body = new StringBuilder();
        body.Append(Paragraph($"{l.LetterNumber}    签发人：{l.SignedBy}", BodyFont, BodySize, "right"));
        body.Append(Paragraph("", BodyFont, BodySize));
        body.Append(Paragraph(l.Title, TitleFont, TitleSize, "center"));
        body.Append(Paragraph("", BodyFont, BodySize));
        body.Append(Paragraph(l.Salutation, BodyFont, BodySize));
        foreach (var text in l.Body)
        {
            body.Append(Paragraph(text, BodyFont, BodySize, indentChars: 2));
        }

        body.Append(Paragraph("", BodyFont, BodySize));
        body.Append(Paragraph(l.Signature, BodyFont, BodySize, "right", rightIndentChars: 4));
        body.Append(Paragraph(l.ChineseDate, BodyFont, BodySize, "right", rightIndentChars: 4));
        body.Append(Paragraph(l.DisclosureNote, BodyFont, BodySize, indentChars: 2));
        if (l.CopyTo.Count > 0)
        {
            body.Append(Paragraph("抄送：" + string.Join("，", l.CopyTo) + "。", BodyFont, 28, indentChars: 1));
        }

        if (l.Handler is not null)
        {
            body.Append(Paragraph($"承办人：{l.Handler}    联系电话：{l.Phone}", BodyFont, 28, indentChars: 1));
        }

        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="0"/></w:sectPr></w:body>
            </w:document>
            """;
    }

    private static string Paragraph(string text, string font, int size, string? align = null, int indentChars = 0, int rightIndentChars = 0)
    {
        var props = new StringBuilder("<w:pPr>");
        props.Append(CultureInfo.InvariantCulture, $"<w:spacing w:line=\"{LineTwips}\" w:lineRule=\"exact\"/>");
        if (indentChars > 0 || rightIndentChars > 0)
        {
            props.Append(CultureInfo.InvariantCulture, $"<w:ind w:firstLineChars=\"{indentChars * 100}\" w:rightChars=\"{rightIndentChars * 100}\"/>");
        }

        if (align is not null)
        {
            props.Append(CultureInfo.InvariantCulture, $"<w:jc w:val=\"{align}\"/>");
        }

        props.Append("</w:pPr>");
        var run = $"<w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{SecurityElement.Escape(text)}</w:t></w:r>";
        return $"<w:p>{props}{run}</w:p>";
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = new UTF8Encoding(false).GetBytes(content.Trim());
        stream.Write(bytes);
    }

    private const string ContentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
        """;

    private const string Rels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
        """;
}
