using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Replies.Workflows.Letters;

/// <summary>Reads an issued letter's paragraphs back from its .docx, in the letter's order, to show it as a page.</summary>
public static class LetterReader
{
    /// <summary>One line per non-empty paragraph, with how it is set (title, right-aligned, heading level).</summary>
    public static IReadOnlyList<LetterLine> Read(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var lines = new List<LetterLine>();
        foreach (var paragraph in document.MainDocumentPart?.Document?.Body?.Elements<Paragraph>() ?? [])
        {
            var text = paragraph.InnerText;
            if (text.Length == 0)
            {
                continue;
            }

            var align = paragraph.ParagraphProperties?.Justification?.Val?.Value;
            var kind = align == JustificationValues.Center ? LetterLineKind.Title
                : align == JustificationValues.Right ? LetterLineKind.Right
                : LetterRenderer.HeadingLevel(text) switch
                {
                    1 => LetterLineKind.Heading,
                    2 => LetterLineKind.Subheading,
                    _ => paragraph.ParagraphProperties?.Indentation?.FirstLine is not null ? LetterLineKind.Paragraph : LetterLineKind.Plain,
                };
            lines.Add(new LetterLine(text, kind));
        }

        return lines;
    }
}

/// <summary>A paragraph of a letter as a page shows it.</summary>
public sealed record LetterLine(string Text, LetterLineKind Kind);

/// <summary>How a letter's paragraph is set.</summary>
public enum LetterLineKind
{
    /// <summary>Flush left (salutation, notes).</summary>
    Plain,

    /// <summary>Body text with a first-line indent.</summary>
    Paragraph,

    /// <summary>一、 heading.</summary>
    Heading,

    /// <summary>（一） heading.</summary>
    Subheading,

    /// <summary>The title, centred.</summary>
    Title,

    /// <summary>Right-aligned: the letter number, the signature, the date.</summary>
    Right,
}
