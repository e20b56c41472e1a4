using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Every role against every endpoint. A closed item (with a co-signer and a co-handler) is the target, so an allowed
/// decision passes the access checks and is then refused for its stage (409), never acting; a denied one is answered
/// 401 (anonymous), 403 (wrong role) or 404 (an item the person may not see).
/// </summary>
public sealed class AccessMatrixTests(AzuriteFixture azurite, AccessMatrixTests.Items items) : IClassFixture<AzuriteFixture>, IClassFixture<AccessMatrixTests.Items>
{
    private const string Anonymous = "anonymous";

    private static readonly string[] People =
    [
        ApiHost.Deputy, ApiHost.Deputy2, ApiHost.Member, ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler,
        ApiHost.OtherHandler, ApiHost.OtherLeader, ApiHost.Clerk, ApiHost.Admin, Anonymous,
    ];

    private static readonly string[] Proposers = [ApiHost.Deputy, ApiHost.Deputy2, ApiHost.Member];
    private static readonly string[] SeeItem = [ApiHost.Deputy, ApiHost.Deputy2, ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.Clerk, ApiHost.Admin];
    private static readonly string[] WorkingPapers = [ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.Clerk, ApiHost.Admin];
    private static readonly string[] LeadStaff = [ApiHost.Handler, ApiHost.Leader];
    private static readonly string[] Handles = [ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler];
    private static readonly string[] ClerkOnly = [ApiHost.Clerk];
    private static readonly string[] Oversight = [ApiHost.Clerk, ApiHost.Admin];
    private static readonly string[] SignedIn = [.. People.Where(p => p != Anonymous)];
    private static readonly string[] Everyone = People;
    private static readonly string[] Officials = [ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.OtherHandler, ApiHost.OtherLeader, ApiHost.Clerk, ApiHost.Admin];
    private static readonly string[] OfficialsSeeingIt = [ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.Clerk, ApiHost.Admin];

    // Placeholders of the fixture's items in a path, filled in when the row runs.
    private const string P = "{p}";
    private const string C = "{c}";
    private const string Document = "{document}";
    private static readonly string Lead = Uri.EscapeDataString(ApiHost.Lead);
    private static readonly string AuditOffice = Uri.EscapeDataString("市审计局");
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Json(object o) => JsonSerializer.Serialize(o, ApiHost.Json);

    public static TheoryData<string, string, string?, string[]> Endpoints => new()
    {
        { "GET", "/api/health", null, Everyone },
        { "POST", "/api/proposals", Json(new { title = "关于优化营商环境的建议", body = "建议进一步优化营商环境，提升政务服务效能，减少审批环节。", category = "经济发展" }), (string[])[.. Proposers, ApiHost.Clerk] },
        // A JSON body where a file is due: past the access checks, 415 for whoever may upload.
        { "POST", "/api/proposals/word", Json(new { file = "x" }), (string[])[.. Proposers, ApiHost.Clerk] },
        { "POST", $"/api/proposals/{P}/attachments", Json(new { file = "x" }), SeeItem },
        { "GET", $"/api/proposals/{P}/attachments", null, SeeItem },
        { "GET", $"/api/proposals/{P}/attachments/20260101000000000-0123abcd", null, Array.Empty<string>() },
        { "DELETE", $"/api/proposals/{P}/attachments/20260101000000000-0123abcd", null, Array.Empty<string>() },
        { "GET", $"/api/proposals/{P}", null, SeeItem },
        { "GET", "/api/me/proposals", null, Proposers },
        { "POST", $"/api/proposals/{C}/cosign", Json(new { confirmed = false }), new[] { ApiHost.Deputy2 } },
        { "GET", $"/api/proposals/{P}/requests/unknown-request", null, SeeItem },
        { "POST", $"/api/proposals/{P}/filing", Json(new { decision = "File" }), ClerkOnly },
        { "POST", $"/api/proposals/{P}/assignment", Json(new { leadDepartment = ApiHost.Lead }), ClerkOnly },
        { "POST", $"/api/proposals/{P}/key", Json(new { isKey = true }), ClerkOnly },
        { "POST", $"/api/proposals/{P}/reassignment-decisions", Json(new { department = ApiHost.Lead, approved = false }), ClerkOnly },
        { "POST", $"/api/proposals/{P}/sign-for", null, Handles },
        { "POST", $"/api/proposals/{P}/reassignment-requests", Json(new { reason = "不属于本单位职责" }), Handles },
        { "POST", $"/api/proposals/{P}/contacts", Json(new { date = Today, form = "电话", summary = "电话沟通情况" }), LeadStaff },
        { "POST", $"/api/proposals/{P}/drafts", Json(new { text = "答复稿" }), LeadStaff },
        { "GET", $"/api/proposals/{P}/drafts/1", null, WorkingPapers },
        { "POST", $"/api/proposals/{P}/submission", Json(new { draftVersion = 1, resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" }), LeadStaff },
        { "POST", $"/api/proposals/{P}/opinions", Json(new { opinion = "会办意见内容" }), new[] { ApiHost.CoHandler } },
        { "POST", $"/api/proposals/{P}/extension-requests", Json(new { until = Today.AddDays(30), reason = "需要调研论证" }), LeadStaff },
        { "GET", $"/api/departments/{Lead}/inbox", null, new[] { ApiHost.Handler, ApiHost.Leader, ApiHost.Clerk, ApiHost.Admin } },
        { "POST", $"/api/proposals/{P}/approval", Json(new { approved = true }), new[] { ApiHost.Leader } },
        { "GET", "/api/approvals", null, new[] { ApiHost.Leader, ApiHost.OtherLeader } },
        { "POST", $"/api/proposals/{P}/clerk-review", Json(new { approved = true }), ClerkOnly },
        { "GET", $"/api/proposals/{P}/letters/0", null, SeeItem },
        { "GET", "/api/public/replies", null, Everyone },
        { "GET", $"/api/public/replies/{P}", null, Everyone },
        { "POST", $"/api/proposals/{P}/feedback", Json(new { rating = "Satisfied" }), new[] { ApiHost.Deputy } },
        { "POST", $"/api/proposals/{P}/extension-decisions", Json(new { approved = true }), ClerkOnly },
        { "GET", "/api/deadlines", null, Oversight },
        { "GET", "/api/pending-requests", null, Oversight },
        { "GET", "/api/proposals", null, Oversight },
        { "GET", "/api/proposals/ledger.xlsx", null, Oversight },
        { "GET", "/api/reports/metrics", null, Oversight },
        { "GET", "/api/search?q=" + Uri.EscapeDataString("科技创新"), null, Officials },
        { "GET", $"/api/proposals/{P}/similar", null, OfficialsSeeingIt },
        { "POST", "/api/similar", Json(new { title = "关于加强科技创新的建议", body = "建议加强科技创新平台建设。" }), Proposers },
        { "GET", $"/api/proposals/{P}/drafting-help", null, WorkingPapers },
        { "GET", $"/api/proposals/{P}/drafts/1/check", null, WorkingPapers },
        { "GET", $"/api/proposals/{P}/drafts/1/coverage", null, WorkingPapers },
        { "POST", "/api/library", Json(new { title = "关于支持中试基地建设的措施", category = "政策文件", text = "对新认定的市级中试基地给予一次性奖补，推动科技成果熟化。" }), Officials },
        { "GET", "/api/library", null, Officials },
        { "GET", $"/api/library/{Document}", null, Officials },
        { "GET", "/api/me", null, SignedIn },
        { "GET", "/api/directory/departments", null, SignedIn },
        { "GET", "/api/directory/people", null, SignedIn },
        { "PUT", "/api/directory/people/new-deputy", Json(new { name = "新代表", role = "Proposer", kind = "Suggestion" }), new[] { ApiHost.Admin } },
        { "PUT", $"/api/directory/departments/{AuditOffice}", Json(new { shortName = "市审计局" }), new[] { ApiHost.Admin } },
        { "POST", "/api/admin/search/rebuild", null, new[] { ApiHost.Admin } },
        { "GET", "/api/notices/failed", null, Oversight },
        { "POST", "/api/notices/resend", Json(new { recipient = "", key = "" }), Oversight },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_role_is_allowed_or_denied_the_endpoint_as_the_rules_say(string method, string path, string? body, string[] allowed)
    {
        var host = items.Host;
        path = path.Replace(P, items.Closed, StringComparison.Ordinal).Replace(C, items.CoSigning, StringComparison.Ordinal).Replace(Document, items.Document, StringComparison.Ordinal);
        var failures = new List<string>();
        foreach (var person in People)
        {
            var client = person == Anonymous ? host.Anonymous : await host.AsAsync(person);
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var denied = status is 401 or 403 or 404;
            if (allowed.Contains(person) == denied || status >= 500)
            {
                failures.Add($"as {person}: {status} (expected {(allowed.Contains(person) ? "allowed" : "denied")})");
            }

            if (person == Anonymous && !allowed.Contains(person) && status != 401)
            {
                failures.Add($"anonymously: {status} (expected 401)");
            }

            if (denied && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"as {person}: {status} without problem details");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // Allowed decisions on the closed item were refused for its stage, so it is exactly as it was.
        var after = await host.Store.GetAsync(items.Closed);
        Assert.Equal((Workflows.ProposalStage.Closed, Workflows.Rating.Satisfied), (after!.Stage, after.Rating));
    }

    [Fact]
    public async Task The_public_never_sees_contact_details_and_proposers_never_see_working_papers()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.DriveToDraftingAsync();
        await host.DriveToReplyAsync(id);
        var published = await host.Anonymous.GetStringAsync($"/api/public/replies/{id}");
        Assert.DoesNotContain("0355", published);
        Assert.DoesNotContain("handlerPhone", published);
        var asProposer = await host.GetJsonAsync(ApiHost.Deputy, $"/api/proposals/{id}");
        Assert.Equal(JsonValueKind.Null, asProposer.GetProperty("drafts").ValueKind);
        Assert.Equal(JsonValueKind.Null, asProposer.GetProperty("opinions").ValueKind);
        var deputy = await host.AsAsync(ApiHost.Deputy);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync($"/api/proposals/{id}/drafts/1")).StatusCode);
        var asHandler = await host.GetJsonAsync(ApiHost.Handler, $"/api/proposals/{id}");
        Assert.Equal(1, asHandler.GetProperty("drafts").GetArrayLength());
    }

    /// <summary>
    /// The matrix's targets: a closed item with a co-signer and a co-handler (an allowed decision passes the access
    /// checks and is refused for its stage), an item in co-signing (for the invitation's answer), a library document.
    /// </summary>
    public sealed class Items : HostWithItems
    {
        public string Closed { get; private set; } = "";

        public string CoSigning { get; private set; } = "";

        public string Document { get; private set; } = "";

        protected override async Task PrepareAsync()
        {
            var p = Closed = await Host.SubmitAsync(ApiHost.Deputy, coSigners: [ApiHost.Deputy2]);
            await Host.OkAsync(ApiHost.Deputy2, $"/api/proposals/{p}/cosign", new { confirmed = true });
            await Host.OkAsync(ApiHost.Clerk, $"/api/proposals/{p}/filing", new { decision = "File" });
            await Host.OkAsync(ApiHost.Clerk, $"/api/proposals/{p}/assignment", new { leadDepartment = ApiHost.Lead, coHandlers = new[] { ApiHost.CoDepartment } });
            await Host.OkAsync(ApiHost.Handler, $"/api/proposals/{p}/sign-for");
            await Host.DriveToReplyAsync(p);
            await Host.OkAsync(ApiHost.Deputy, $"/api/proposals/{p}/feedback", new { rating = "Satisfied" });
            // An item in co-signing, for the one action that needs an invitation.
            CoSigning = await Host.SubmitAsync(ApiHost.Deputy, "关于完善科技金融服务体系的建议", [ApiHost.Deputy2]);
            Document = (await Host.OkAsync(ApiHost.Clerk, "/api/library", new { title = "科技创新政策汇编", category = "政策文件", text = "支持科技创新平台建设，推动产业链与创新链深度融合。" })).GetProperty("documentId").GetString()!;
        }
    }
}
