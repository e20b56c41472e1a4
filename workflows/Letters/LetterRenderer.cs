using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Replies.Workflows.Letters;

/// <summary>
/// Renders a reply letter as a .docx laid out per GB/T 9704-2012, written with the OpenXML SDK: A4 with margins of
/// 37/35/28/26 mm; 发文字号 at the top right (a reply to a deputy or member is not addressed to a higher authority, so
/// no 签发人); title in 2号 小标宋 centred; text in 3号 仿宋 on fixed 28.95 pt lines (22 lines of 28 characters) with a
/// first-line indent of two characters; first-level headings (一、) in 黑体, second-level ((一)) in 楷体; signature and date
/// right-aligned; 抄送 and the handler's line at the end (the phone only when known); page numbers in 4号 half-width
/// digits between dashes at the outside corners (odd pages right, even pages left). Each font names its common
/// fallback (宋体 for the title and the text, 楷体, SimHei) so a machine without the 方正 / _GB2312 faces still shows a
/// 宋 face.
/// </summary>
public static class LetterRenderer
{
    private const string TitleFont = "方正小标宋简体";
    private const string BodyFont = "仿宋_GB2312";
    private const string HeadingFont = "黑体";
    private const string SubheadingFont = "楷体_GB2312";
    private const int BodySize = 32;     // half-points: 3号 = 16 pt
    private const int TitleSize = 44;    // 2号 = 22 pt
    private const int NoteSize = 28;     // 4号 = 14 pt
    private const int LineTwips = 579;   // 28.95 pt
    private const int CharTwips = 320;   // one 3号 character = 16 pt

    /// <summary>Fonts of the letter and the faces that stand in for them where they are not installed.</summary>
    private static readonly (string Name, string Fallback)[] Fonts =
    [
        (TitleFont, "宋体"),
        // 宋体 is on every Chinese Windows and maps to a serif CJK face elsewhere; 仿宋 is not known by that name to
        // LibreOffice's font substitution, which then falls back to a sans face.
        (BodyFont, "宋体"),
        (SubheadingFont, "楷体"),
        (HeadingFont, "SimHei"),
    ];

    /// <summary>The .docx bytes.</summary>
    public static byte[] Render(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddFontTable(main);
            AddSettings(main);
            var odd = AddFooter(main, JustificationValues.Right);
            var even = AddFooter(main, JustificationValues.Left);
            var body = new Body();
            foreach (var paragraph in Paragraphs(letter))
            {
                body.Append(paragraph);
            }

            body.Append(Section(main.GetIdOfPart(odd), main.GetIdOfPart(even)));
            main.Document = new Document(body);
        }

        return buffer.ToArray();
    }

    /// <summary>The text of a letter in reading order, one line per paragraph (for the letter page and search).</summary>
    public static IReadOnlyList<string> Lines(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var lines = new List<string> { letter.LetterNumber, letter.Title };
        if (!StartsWithSalutation(letter))
        {
            lines.Add(letter.Salutation);
        }

        lines.AddRange(letter.Body);
        lines.Add(letter.Signature);
        lines.Add(letter.ChineseDate);
        lines.Add(letter.DisclosureNote);
        if (letter.CopyTo.Count > 0)
        {
            lines.Add("抄送：" + string.Join("，", letter.CopyTo) + "。");
        }

        if (HandlerLine(letter) is { } handler)
        {
            lines.Add(handler);
        }

        return lines;
    }

    /// <summary>The plain text of a letter, in reading order.</summary>
    public static string PlainText(LetterContent letter) => string.Join('\n', Lines(letter));

    /// <summary>Whether the draft opens with its own salutation (××代表： / ××委员：), so the letter adds none.</summary>
    public static bool StartsWithSalutation(LetterContent letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var first = letter.Body.Count > 0 ? letter.Body[0].Trim() : "";
        return first.Length is > 1 and <= 30 && (first.EndsWith('：') || first.EndsWith(':'))
            && (first.Contains("代表", StringComparison.Ordinal) || first.Contains("委员", StringComparison.Ordinal) || first.StartsWith(letter.Salutation.TrimEnd('：', ':'), StringComparison.Ordinal));
    }

    private static string? HandlerLine(LetterContent l) => l.Handler is not { Length: > 0 } handler
        ? null
        : l.Phone is { Length: > 0 } phone ? $"承办人：{handler}    联系电话：{phone}" : $"承办人：{handler}";

    private static IEnumerable<Paragraph> Paragraphs(LetterContent l)
    {
        yield return Text(l.LetterNumber, BodyFont, BodySize, JustificationValues.Right);
        yield return Text("", BodyFont, BodySize);
        yield return Text(l.Title, TitleFont, TitleSize, JustificationValues.Center);
        yield return Text("", BodyFont, BodySize);
        var body = l.Body.AsEnumerable();
        if (StartsWithSalutation(l))
        {
            yield return Text(l.Body[0].Trim(), BodyFont, BodySize);
            body = body.Skip(1);
        }
        else
        {
            yield return Text(l.Salutation, BodyFont, BodySize);
        }

        foreach (var text in body)
        {
            var font = HeadingLevel(text) switch
            {
                1 => HeadingFont,
                2 => SubheadingFont,
                _ => BodyFont,
            };
            yield return Text(text, font, BodySize, indentChars: 2);
        }

        yield return Text("", BodyFont, BodySize);
        yield return Text(l.Signature, BodyFont, BodySize, JustificationValues.Right, rightIndentChars: 4);
        yield return Text(l.ChineseDate, BodyFont, BodySize, JustificationValues.Right, rightIndentChars: 4);
        yield return Text(l.DisclosureNote, BodyFont, BodySize, indentChars: 2);
        if (l.CopyTo.Count > 0)
        {
            yield return Text("抄送：" + string.Join("，", l.CopyTo) + "。", BodyFont, NoteSize, indentChars: 1);
        }

        if (HandlerLine(l) is { } handler)
        {
            yield return Text(handler, BodyFont, NoteSize, indentChars: 1);
        }
    }

    /// <summary>1 for 一、二、…, 2 for (一)(二)…, 0 for body text.</summary>
    public static int HeadingLevel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.TrimStart();
        const string numerals = "一二三四五六七八九十";
        var n = 0;
        while (n < t.Length && numerals.Contains(t[n], StringComparison.Ordinal))
        {
            n++;
        }

        if (n is > 0 and <= 3 && n < t.Length && t[n] == '、')
        {
            return 1;
        }

        if (t.Length > 2 && t[0] is '（' or '(')
        {
            var m = 1;
            while (m < t.Length && numerals.Contains(t[m], StringComparison.Ordinal))
            {
                m++;
            }

            return m is > 1 and <= 4 && m < t.Length && t[m] is '）' or ')' ? 2 : 0;
        }

        return 0;
    }

    private static Paragraph Text(string text, string font, int size, JustificationValues? align = null, int indentChars = 0, int rightIndentChars = 0)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { Line = LineTwips.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact });
        if (indentChars > 0 || rightIndentChars > 0)
        {
            // Both the character count (Word) and its twips (LibreOffice reads only these) are written.
            var size16 = CharTwips * size / BodySize;
            var indentation = new Indentation();
            if (indentChars > 0)
            {
                indentation.FirstLine = (indentChars * size16).ToString(System.Globalization.CultureInfo.InvariantCulture);
                indentation.FirstLineChars = indentChars * 100;
            }

            if (rightIndentChars > 0)
            {
                indentation.Right = (rightIndentChars * size16).ToString(System.Globalization.CultureInfo.InvariantCulture);
                indentation.RightChars = rightIndentChars * 100;
            }

            properties.Append(indentation);
        }

        if (align is { } a)
        {
            properties.Append(new Justification { Val = a });
        }

        return new Paragraph(properties, new Run(RunFormat(font, size), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    // Chinese text marked as zh-CN, so that a renderer lacking the face falls back to a Simplified Chinese one.
    private static RunProperties RunFormat(string font, int size) => new(
        new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font, Hint = FontTypeHintValues.EastAsia },
        new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        new Languages { Val = "zh-CN", EastAsia = "zh-CN" });

    private static SectionProperties Section(string oddFooter, string evenFooter) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
        new PageSize { Width = 11906U, Height = 16838U },
        new PageMargin { Top = 2098, Right = 1474U, Bottom = 1984, Left = 1588U, Header = 851U, Footer = 992U, Gutter = 0U },
        new DocGrid { Type = DocGridValues.LinesAndChars, LinePitch = LineTwips, CharacterSpace = 0 });

    // — 1 — in 4号 half-width digits, one character in from the outside edge.
    private static FooterPart AddFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        var indent = side == JustificationValues.Right ? new Indentation { Right = "280" } : new Indentation { Left = "280" };
        var format = RunFormat("Times New Roman", NoteSize);
        part.Footer = new Footer(new Paragraph(
            new ParagraphProperties(indent, new Justification { Val = side }),
            new Run((RunProperties)format.CloneNode(true), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run((RunProperties)format.CloneNode(true), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run((RunProperties)format.CloneNode(true), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run((RunProperties)format.CloneNode(true), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run((RunProperties)format.CloneNode(true), new Text("1")),
            new Run((RunProperties)format.CloneNode(true), new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run((RunProperties)format.CloneNode(true), new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
        return part;
    }

    private static void AddSettings(MainDocumentPart main)
    {
        var part = main.AddNewPart<DocumentSettingsPart>();
        part.Settings = new Settings(new EvenAndOddHeaders());
    }

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        var fonts = new DocumentFormat.OpenXml.Wordprocessing.Fonts();
        foreach (var (name, fallback) in Fonts)
        {
            fonts.Append(new Font(
                new AltName { Val = fallback },
                new FontCharSet { Val = "86" },
                new FontFamily { Val = FontFamilyValues.Roman },
                new Pitch { Val = FontPitchValues.Variable })
            { Name = name });
        }

        part.Fonts = fonts;
    }
}
