using System.Diagnostics;
using Replies.Workflows.Letters;

namespace Replies.Workflows.IntegrationTests;

/// <summary>
/// The reply letter as people print it: rendered to PDF by LibreOffice (headless, as installed by scripts/test.sh) and
/// read back with pdftotext and pdffonts: the title, one salutation, no 签发人, page numbers in dashes, a serif CJK face
/// where the 方正 and _GB2312 fonts are not installed.
/// </summary>
public sealed class LetterPdfTests
{
    [Fact]
    public async Task A_two_page_letter_prints_with_its_parts_once_page_numbers_and_a_serif_face()
    {
        var body = new List<string> { "叶元朋代表：", "您提出的《关于加强科技创新促进产业发展的建议》收悉。现答复如下：", "一、工作开展情况" };
        body.AddRange(Enumerable.Range(1, 30).Select(i => $"（{Chinese(i)}）第{i}项工作。我局聚焦产业链创新链深度融合，支持企业建设研发平台，推动科技成果转化，取得积极成效。"));
        body.Add("感谢您对科技工作的关心和支持！");
        var letter = new LetterContent("政办函〔2026〕12号", "李局长", "对市人大十二届三次会议第12号建议的答复", "叶元朋代表：", body,
            "市科学技术局", new DateOnly(2026, 6, 1), [], "徐晓军", null, Disclosure.Full);
        var folder = System.IO.Directory.CreateTempSubdirectory("replies-letter-");
        try
        {
            var docx = Path.Combine(folder.FullName, "letter.docx");
            await File.WriteAllBytesAsync(docx, LetterRenderer.Render(letter));
            await RunAsync("soffice", $"-env:UserInstallation=file://{folder.FullName}/profile --headless --convert-to pdf --outdir {folder.FullName} {docx}");
            var pdf = Path.Combine(folder.FullName, "letter.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");
            // pdftotext sets spaces around runs in another font (the digits); they are not the letter's.
            var text = (await RunAsync("pdftotext", $"-layout {pdf} -")).Replace(" ", "", StringComparison.Ordinal);
            var fonts = await RunAsync("pdffonts", pdf);

            Assert.Contains("对市人大十二届三次会议第12号建议的答复", text, StringComparison.Ordinal);
            Assert.Equal(1, Count(text, "叶元朋代表："));
            Assert.DoesNotContain("签发人", text, StringComparison.Ordinal);
            Assert.DoesNotContain("联系电话", text, StringComparison.Ordinal);
            Assert.Contains("—1—", text, StringComparison.Ordinal);
            Assert.Contains("—2—", text, StringComparison.Ordinal);
            // No 方正 or _GB2312 face here: the fallbacks named in the font table give the title and the text a serif
            // (宋) CJK face; only the headings' 黑体 is a sans one.
            Assert.Contains("SerifCJK", fonts, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Chinese(int n) => n <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n < 20 ? "十" + "一二三四五六七八九"[n - 11] : $"{"一二三四五六七八九"[(n / 10) - 1]}十{(n % 10 == 0 ? "" : "一二三四五六七八九"[(n % 10) - 1].ToString())}";

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
        return await output;
    }
}
