using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// A proposal whose title and body hold HTML and script: every page shows them as text (escaped, never markup), and the
/// issued .docx letter carries them as text.
/// </summary>
public sealed class MarkupAsTextTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Title = "关于<script>alert('标题')</script>加强<b>科技</b>创新的建议";
    private const string Body = "建议<img src=x onerror=alert('正文')>加强科技创新平台建设，推动<script>document.cookie</script>产业链与创新链深度融合。";

    [Fact]
    public async Task Markup_in_a_title_and_body_is_shown_as_text_on_every_page_and_in_the_letter()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.SubmitAsync(ApiHost.Deputy, Title);
        var client = await host.AsAsync(ApiHost.Deputy);
        // The body too: the submission helper writes a fixed body, so this item is submitted with the hostile one.
        var response = await client.PostAsJsonAsync("/api/proposals", new { title = Title, body = Body, category = "科技创新" });
        response.EnsureSuccessStatusCode();
        var second = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await host.WaitForAsync(second, s => s.Sequence >= 1);
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{second}/filing", new { decision = "File" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{second}/assignment", new { leadDepartment = ApiHost.Lead });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{second}/sign-for");
        // The draft cites the title, markup and all, as a reply does.
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{second}/contacts", new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), form = "座谈", summary = "当面听取意见建议" });
        var saved = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{second}/drafts", new { text = $"您提出的《{Title}》收悉。现答复如下：\n一、工作开展情况\n二、下一步打算" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{second}/submission", new { draftVersion = saved.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        await host.OkAsync(ApiHost.Leader, $"/api/proposals/{second}/approval", new { approved = true });

        // Where the items are listed the title must appear escaped; the board and the approvals have none of them now.
        var seen = new List<(string Who, string Path, bool Listed)>
        {
            (ApiHost.Deputy, $"/items/{id}", true), (ApiHost.Deputy, $"/items/{second}", true), (ApiHost.Deputy, "/my", true),
            (ApiHost.Clerk, $"/items/{second}", true), (ApiHost.Clerk, "/queue", true), (ApiHost.Clerk, "/list", true), (ApiHost.Clerk, "/board", false),
            (ApiHost.Handler, $"/items/{second}", true), (ApiHost.Handler, "/inbox", true), (ApiHost.Leader, "/approvals", false),
            ("", "/public", true), ("", $"/public/{second}", true), (ApiHost.Deputy, $"/items/{second}/letters/0", true),
        };
        foreach (var (who, path, listed) in seen)
        {
            using var browser = who.Length == 0 ? host.Browser() : await host.SignedInBrowserAsync(who);
            var html = await browser.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>科技</b>", html, StringComparison.Ordinal);
            Assert.True(!listed || html.Contains("&lt;script&gt;", StringComparison.Ordinal), $"{path} as {who} does not show the title as text");
        }

        var snapshot = await host.Store.GetAsync(second);
        var letter = await host.Storage.Letters.GetBlobClient(snapshot!.Letters[^1].BlobName).DownloadContentAsync();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(letter.Value.Content.ToStream(), false))
        {
            var invalid = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Description).ToList();
            Assert.True(invalid.Count == 0, string.Join('\n', invalid));
        }

        using var docx = new ZipArchive(letter.Value.Content.ToStream());
        using var reader = new StreamReader(docx.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("&lt;script&gt;alert", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);

        // The letter page is the deputy's and the department's, not another deputy's.
        using var other = await host.SignedInBrowserAsync(ApiHost.Deputy2);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync($"/items/{second}/letters/0")).StatusCode);
    }

    [Fact]
    public async Task Formulas_and_markup_in_a_title_stay_text_in_the_ledger()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        string[] titles = ["=HYPERLINK(\"http://evil.example\",\"点击查看\")关于建议", "+cmd|' /C calc'!A0关于优化营商环境", "@SUM(A1:A9)关于加强科技创新", "-2+3关于完善公共交通的建议", Title];
        var stored = new List<string>();
        foreach (var title in titles)
        {
            // Stored as typed, apart from the punctuation the intake widens beside Chinese.
            stored.Add((await host.Store.GetAsync(await host.SubmitAsync(ApiHost.Deputy, title)))!.Title);
        }

        Assert.All(stored, t => Assert.True(t[0] is '=' or '+' or '@' or '-' or '关', t));

        var clerk = await host.AsAsync(ApiHost.Clerk);
        var bytes = await clerk.GetByteArrayAsync("/api/proposals/ledger.xlsx");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        // No cell is a formula: each is an inline string holding exactly what was typed.
        Assert.Empty(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>());
        var cells = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        Assert.All(cells, c => Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString, c.DataType!.Value));
        var texts = cells.Select(c => c.InnerText).ToHashSet();
        Assert.All(stored, t => Assert.Contains(t, texts));
    }
}
