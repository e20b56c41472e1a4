using System.IO.Compression;
using System.Text;

namespace Replies.Workflows.Intake;

/// <summary>A kind of file an item may carry, with the content type it is served as and the extensions it goes by.</summary>
public sealed record FileKind(string Label, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// Tells what a file is by its content, never by its name: PDF, Word, Excel and PowerPoint (Office Open XML, and the
/// older binary formats with WPS's), images (PNG, JPEG, GIF, WebP) and CSV. A name whose extension is not one the
/// content goes by is refused, so an .exe named .pdf or a picture named .docx is not kept. Zip packages are told
/// apart by their entry names alone; nothing is decompressed.
/// </summary>
public static class FileKinds
{
    public static readonly FileKind Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly FileKind Docx = new("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx", ".wps"]);
    public static readonly FileKind Xlsx = new("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx", ".et"]);
    public static readonly FileKind Pptx = new("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx", ".dps"]);
    public static readonly FileKind Doc = new("Word 97-2003/WPS", "application/msword", [".doc", ".wps"]);
    public static readonly FileKind Xls = new("Excel 97-2003", "application/vnd.ms-excel", [".xls", ".et"]);
    public static readonly FileKind Ppt = new("PowerPoint 97-2003", "application/vnd.ms-powerpoint", [".ppt", ".dps"]);
    public static readonly FileKind Png = new("PNG 图片", "image/png", [".png"]);
    public static readonly FileKind Jpeg = new("JPEG 图片", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly FileKind Gif = new("GIF 图片", "image/gif", [".gif"]);
    public static readonly FileKind Webp = new("WebP 图片", "image/webp", [".webp"]);
    public static readonly FileKind Csv = new("CSV", "text/csv", [".csv"]);

    /// <summary>What the person is told the accepted kinds are.</summary>
    public const string Accepted = "PDF、Word、Excel、PowerPoint（含 WPS）、图片（PNG、JPEG、GIF、WebP）或 CSV";

    private static readonly IReadOnlyList<FileKind> OleKinds = [Doc, Xls, Ppt];

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> CompoundFileSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The kind the content is and the name agrees with, or the reason it is refused (in Chinese).</summary>
    public static (FileKind? Kind, string? Refusal) Identify(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var head = new byte[16];
        content.Position = 0;
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var kind = Sniff(head.AsSpan(0, read), extension, content);
        if (kind is null)
        {
            return (null, $"“{fileName}”不是可接受的文件类型（按文件内容识别）。请上传{Accepted}文件。");
        }

        return kind.Extensions.Contains(extension)
            ? (kind, null)
            : (null, $"“{fileName}”的内容是{kind.Label}文件，与扩展名“{(extension.Length == 0 ? "（无）" : extension)}”不符，未保存。");
    }

    private static FileKind? Sniff(ReadOnlySpan<byte> head, string extension, Stream content)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith(PngSignature))
        {
            return Png;
        }

        if (head.StartsWith(JpegSignature))
        {
            return Jpeg;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }

        if (head.StartsWith(CompoundFileSignature))
        {
            // The compound-file formats share a header; which one it is takes its directory, so its name decides
            // among them (an .exe cannot pass for one: it lacks the header).
            return OleKinds.FirstOrDefault(k => k.Extensions.Contains(extension)) ?? Doc;
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return OfficePackage(content);
        }

        return IsText(content) ? Csv : null;
    }

    // An Office Open XML package by its main part; the entries' names are read from the central directory only.
    private static FileKind? OfficePackage(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }

            return names.Contains("word/document.xml") ? Docx
                : names.Contains("xl/workbook.xml") ? Xlsx
                : names.Contains("ppt/presentation.xml") ? Pptx
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }

    // CSV: text in UTF-8 (a byte-order mark allowed) or GB18030 as Excel saves it here, without control characters.
    private static bool IsText(Stream content)
    {
        var sample = new byte[64 * 1024];
        var read = content.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (read == 0)
        {
            return false;
        }

        foreach (var b in sample.AsSpan(0, read))
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n')
            {
                return false;
            }
        }

        return true;
    }
}
