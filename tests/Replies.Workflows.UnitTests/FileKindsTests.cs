using System.IO.Compression;
using System.Text;
using Replies.Testing;
using Replies.Workflows.Intake;

namespace Replies.Workflows.UnitTests;

/// <summary>Files are told by their content; a name that claims another type is refused.</summary>
public sealed class FileKindsTests
{
    public static TheoryData<string, byte[], string?> Files() => new()
    {
        { "报告.pdf", "%PDF-1.7\n"u8.ToArray(), "application/pdf" },
        { "setup.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0], null },
        { "照片.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], "image/png" },
        { "照片.pdf", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], null },
        { "照片.JPG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], "image/jpeg" },
        { "旧建议.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "application/msword" },
        { "旧建议.wps", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "application/msword" },
        { "统计.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "application/vnd.ms-excel" },
        { "统计.csv", Encoding.UTF8.GetBytes("区县,企业数\n城区,120\n"), "text/csv" },
        { "统计.csv", [0xC7, 0xF8, 0xCF, 0xD8, (byte)',', (byte)'1', (byte)'\n'], "text/csv" },
        { "统计.csv", [(byte)'a', 0, (byte)'b'], null },
        { "程序", [0x7F, (byte)'E', (byte)'L', (byte)'F'], null },
        { "建议.docx", Package("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "统计.xlsx", Package("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "统计.docx", Package("xl/workbook.xml"), null },
        { "压缩包.docx", Zip("setup.exe"), null },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_is_what_its_content_is_and_its_name_must_agree(string name, byte[] content, string? expected)
    {
        var (kind, refusal) = FileKinds.Identify(name, new MemoryStream(content));
        Assert.Equal(expected, kind?.ContentType);
        Assert.Equal(expected is null, refusal is not null);
    }

    [Fact]
    public void A_word_proposal_gives_its_title_its_numbered_asks_written_out_and_its_table()
    {
        var read = WordProposalReader.Read(new MemoryStream(WordFiles.Proposal("关于加快科技成果转化的建议", "我市科技成果本地转化率不高。", ["设立转化引导基金。", "建设中试平台。", "完善评价机制。"])));
        Assert.Equal("关于加快科技成果转化的建议", read.Title);
        Assert.Contains("1．设立转化引导基金。\n2．建设中试平台。\n3．完善评价机制。", read.Body, StringComparison.Ordinal);
        Assert.Contains("城区　120", read.Body, StringComparison.Ordinal);
        Assert.Equal(3, Coverage.AskSplitter.Split(read.Body).Count);
    }

    [Fact]
    public void A_document_that_expands_enormously_or_runs_to_100000_paragraphs_is_refused_without_being_read_whole()
    {
        var bomb = WordFiles.Bomb(256L * 1024 * 1024);
        Assert.True(bomb.Length < 4 * 1024 * 1024, $"{bomb.Length} bytes");
        var before = GC.GetTotalAllocatedBytes();
        Assert.Throws<UnreadableDocumentException>(() => WordProposalReader.Read(new MemoryStream(bomb)));
        Assert.True(GC.GetTotalAllocatedBytes() - before < 200L * 1024 * 1024, "the bomb was read whole");
        Assert.Throws<UnreadableDocumentException>(() => WordProposalReader.Read(new MemoryStream(WordFiles.Paragraphs(100_000))));
        Assert.Throws<UnreadableDocumentException>(() => WordProposalReader.Read(new MemoryStream("not a zip"u8.ToArray())));
    }

    private static byte[] Package(string main)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry(main);
        }

        return stream.ToArray();
    }

    private static byte[] Zip(string entry)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry(entry);
        }

        return stream.ToArray();
    }
}
