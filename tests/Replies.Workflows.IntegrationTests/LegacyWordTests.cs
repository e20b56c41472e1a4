using System.Diagnostics;
using Replies.Workflows.Intake;

namespace Replies.Workflows.IntegrationTests;

/// <summary>
/// A proposal saved in Word 97-2003 format (.doc, and WPS's .wps, which is the same format) is converted with
/// LibreOffice, as installed by scripts/test.sh, and read like a .docx: title and numbered asks.
/// </summary>
public sealed class LegacyWordTests
{
    [Fact]
    public async Task A_doc_or_wps_file_is_converted_and_read_with_its_title_and_asks()
    {
        var converter = LegacyWordConverter.Find();
        Assert.NotNull(converter);
        var folder = System.IO.Directory.CreateTempSubdirectory("replies-doc-");
        try
        {
            var docx = Path.Combine(folder.FullName, "proposal.docx");
            await File.WriteAllBytesAsync(docx, WordFiles.Proposal("关于推进垃圾分类的建议", "我市垃圾分类覆盖面仍不够广，居民参与度有待提高。", ["完善分类投放设施。", "加强宣传引导。", "健全考核激励机制。"]));
            using (var process = Process.Start(new ProcessStartInfo(converter, $"-env:UserInstallation=file://{folder.FullName}/profile --headless --convert-to doc --outdir {folder.FullName} {docx}") { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
            }

            var doc = await File.ReadAllBytesAsync(Path.Combine(folder.FullName, "proposal.doc"));
            Assert.Equal(FileKinds.Doc, FileKinds.Identify("建议.wps", new MemoryStream(doc)).Kind);
            var converted = await LegacyWordConverter.ToDocxAsync(doc, converter, TimeSpan.FromMinutes(2), CancellationToken.None);
            Assert.NotNull(converted);
            var read = WordProposalReader.Read(new MemoryStream(converted));
            Assert.Equal("关于推进垃圾分类的建议", read.Title);
            Assert.Equal(3, Coverage.AskSplitter.Split(read.Body).Count);
            Assert.Null(await LegacyWordConverter.ToDocxAsync(doc, null, TimeSpan.FromMinutes(1), CancellationToken.None));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
