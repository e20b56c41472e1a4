using System.Text.Json.Nodes;
using Replies.Workflows.Fields;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.UnitTests;

/// <summary>
/// The requests of the decisions as their descriptors describe them, read without the API or a page: each field kind's
/// checks (missing, wrong type, out of its window, not in the directory or storage) and the event each decision makes
/// of a whole request. The API and the item page's forms both read requests this way.
/// </summary>
public sealed class DecisionFieldsTests
{
    private static readonly DateOnly Today = new(2027, 3, 10);

    private sealed class Lookups : IFieldLookups
    {
        public DateOnly Today => DecisionFieldsTests.Today;

        public bool IsDepartment(string departmentId) => departmentId is "市科技局" or "市发改委";

        public Task<bool> HasDraftAsync(string proposalId, int version, CancellationToken cancellationToken) => Task.FromResult(version is 1 or 2);

        public Task<ProposalSnapshot?> ProposalAsync(string proposalId, CancellationToken cancellationToken) => Task.FromResult<ProposalSnapshot?>(proposalId switch
        {
            "2027-0002" => Item(proposalId, ProposalStage.FilingReview),
            "2027-0003" => Item(proposalId, ProposalStage.Closed),
            _ => null,
        });

        public Task<IReadOnlyList<string>?> AsksAsync(string proposalId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>?>(["建议加大科技投入力度", "建议完善人才引进政策"]);
    }

    private static ProposalSnapshot Item(string id, ProposalStage stage) => new()
    {
        ProposalId = id,
        Kind = ProposalKind.Suggestion,
        Session = "2027",
        Title = "关于加强科技创新平台建设的建议",
        Category = "科技创新",
        Proposer = People.Deputy,
        Stage = stage,
    };

    private static async Task<(ProposalAction? Action, IDictionary<string, string[]> Errors)> ReadAsync(Decision decision, string json)
    {
        var errors = new FieldErrors();
        var make = await decision.ReadAsync("2027-0001", (JsonObject)JsonNode.Parse(json)!, errors, new Lookups(), CancellationToken.None);
        return (make?.Invoke(People.Clerk, "r1"), errors.ToDictionary());
    }

    public static TheoryData<string, string, string, string> Refused => new()
    {
        // decision, request, field, message
        { "recordContact", """{"form":"电话","summary":"电话沟通"}""", "date", "请选择沟通日期。" },
        { "recordContact", """{"date":"2027-03-11","form":"电话","summary":"电话沟通"}""", "date", "沟通日期不能晚于今天。" },
        { "recordContact", """{"date":"2026-03-09","form":"电话","summary":"电话沟通"}""", "date", "沟通日期不能早于一年前，请按公历填写。" },
        { "recordContact", """{"date":20270310,"form":"电话","summary":"电话沟通"}""", "date", "格式不正确。" },
        { "recordContact", """{"date":"2027/03/10","form":"电话","summary":"电话沟通"}""", "date", "格式不正确。" },
        { "recordContact", """{"date":"2027-03-10","form":"飞鸽传书","summary":"电话沟通"}""", "form", "沟通方式须为：当面、座谈、走访、调研、电话、视频、书面。" },
        { "recordContact", """{"date":"2027-03-10","form":"电话","summary":"好"}""", "summary", "沟通情况至少4个字。" },
        { "recordContact", """{"date":"2027-03-10","form":"电话","summary":5}""", "summary", "格式不正确。" },
        { "approve", """{"approved":"true"}""", "approved", "格式不正确。" },
        { "approve", """{}""", "approved", "请选择审签意见。" },
        { "feedback", """{"rating":2}""", "rating", "格式不正确。" },
        { "feedback", """{"rating":"Maybe"}""", "rating", "格式不正确。" },
        { "assign", """{"leadDepartment":"市不存在局"}""", "leadDepartment", "“市不存在局”不在单位名录中。" },
        { "assign", """{}""", "leadDepartment", "请选择主办单位。" },
        { "assign", """{"leadDepartment":"市科技局","coHandlers":["市科技局"]}""", "coHandlers", "会办单位不能同时是主办单位。" },
        { "assign", """{"leadDepartment":"市科技局","coHandlers":"市发改委"}""", "coHandlers", "格式不正确。" },
        { "submitForApproval", """{"draftVersion":9,"resultClass":"B","disclosure":"Full","handlerName":"徐晓军","handlerPhone":"0355-2022535"}""", "draftVersion", "该版本的答复稿不存在，请先保存。" },
        { "submitForApproval", """{"draftVersion":"1","resultClass":"B","disclosure":"Full","handlerName":"徐晓军","handlerPhone":"0355-2022535"}""", "draftVersion", "格式不正确。" },
        { "submitForApproval", """{"draftVersion":1,"resultClass":"B","disclosure":"Full","handlerName":"徐晓军","handlerPhone":"call me"}""", "handlerPhone", "联系电话格式不正确。" },
        { "filing", """{"decision":"Merge","mergeInto":"2027-0001"}""", "mergeInto", "不能并入本件自身。" },
        { "filing", """{"decision":"Merge","mergeInto":"2027-0009"}""", "mergeInto", "未找到要并入的建议或提案。" },
        { "filing", """{"decision":"Merge","mergeInto":"2027-0003"}""", "mergeInto", "要并入的建议或提案已办结或已并案。" },
        { "requestExtension", """{"until":"2027-03-10","reason":"需要调研论证"}""", "until", "延期至日期须晚于今天。" },
        { "requestExtension", """{"until":"2028-03-11","reason":"需要调研论证"}""", "until", "延期至日期不能晚于一年后，请按公历填写。" },
        { "decideReassignment", """{"department":"市科技局","approved":true,"newLeadDepartment":"市科技局","newCoHandlers":["市科技局"]}""", "newCoHandlers", "新的会办单位不能同时是主办单位。" },
        { "decideReassignment", """{"department":"市科技局","approved":true,"newCoHandlers":["市发改委"]}""", "newCoHandlers", "指定新的会办单位须同时指定主办单位。" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_request_with_a_wrong_field_is_refused_naming_it(string decision, string json, string field, string message)
    {
        var (action, errors) = await ReadAsync(DecisionCatalog.Named(decision)!, json);

        Assert.Null(action);
        Assert.True(errors.TryGetValue(field, out var messages), $"no message for {field}: {string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(" ", e.Value)}"))}");
        Assert.Contains(message, messages);
    }

    [Fact]
    public async Task Whole_requests_make_the_events_of_their_decisions()
    {
        Assert.Equal(
            new ContactRecorded("r1", People.Clerk, Today, "电话", "电话沟通听取意见"),
            (await ReadAsync(DecisionCatalog.RecordContact, """{"date":"2027-03-10","form":"电话","summary":" 电话沟通听取意见 "}""")).Action);
        var assigned = Assert.IsType<Assigned>((await ReadAsync(DecisionCatalog.Assign, """{"leadDepartment":"市科技局","coHandlers":["市发改委","市发改委"]}""")).Action);
        Assert.Equal("市科技局", assigned.LeadDepartment);
        Assert.Equal(["市发改委"], assigned.CoHandlers);
        Assert.Equal(
            new SubmittedForApproval("r1", People.Clerk, 2, ResultClass.A, Disclosure.Summary, "徐晓军", "0355-2022535"),
            (await ReadAsync(DecisionCatalog.SubmitForApproval, """{"draftVersion":2,"resultClass":"a","disclosure":"Summary","handlerName":"徐晓军","handlerPhone":"0355-2022535"}""")).Action);
        Assert.Equal(new SignedFor("r1", People.Clerk), (await ReadAsync(DecisionCatalog.SignFor, "{}")).Action);
        // A field read only under a condition is left out otherwise: no leader for an item that is not key.
        Assert.Equal(new KeyItemMarked("r1", People.Clerk, false), (await ReadAsync(DecisionCatalog.MarkKey, """{"isKey":false,"supervisingLeader":"张副市长"}""")).Action);
        Assert.Equal(new ExtensionDecided("r1", People.Clerk, true, null, "同意"), (await ReadAsync(DecisionCatalog.DecideExtension, """{"Approved":true,"comment":"同意"}""")).Action);
    }

    [Fact]
    public async Task Filing_reads_the_asks_as_a_correction_only_when_they_differ_from_the_stored_split()
    {
        var same = Assert.IsType<FilingDecided>((await ReadAsync(DecisionCatalog.Filing, """{"decision":"File","asks":[" 建议加大科技投入力度","建议完善人才引进政策",""]}""")).Action);
        var changed = Assert.IsType<FilingDecided>((await ReadAsync(DecisionCatalog.Filing, """{"decision":"File","asks":["建议加大科技投入力度"]}""")).Action);
        var merged = Assert.IsType<FilingDecided>((await ReadAsync(DecisionCatalog.Filing, """{"decision":"Merge","mergeInto":"2027-0002","asks":["建议加大科技投入力度"]}""")).Action);

        Assert.Null(same.Asks);
        Assert.Equal(["建议加大科技投入力度"], changed.Asks!);
        Assert.Equal(("2027-0002", (IReadOnlyList<string>?)null), (merged.MergeInto, merged.Asks));
    }

    [Fact]
    public void Every_decision_with_an_address_says_who_may_give_it_where_it_is_listed_and_how_its_event_is_made()
    {
        Assert.All(DecisionCatalog.WithAddress, d =>
        {
            Assert.NotEmpty(d.Roles);
            Assert.False(string.IsNullOrEmpty(d.Reference.Summary) || string.IsNullOrEmpty(d.Reference.Tag), d.Name);
            Assert.Equal(d.Fields.Count, d.Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
            Assert.All(d.Fields, f => Assert.Equal(f.Name, f.Name.Trim()));
        });
        Assert.Equal(DecisionCatalog.WithAddress.Count(), DecisionCatalog.WithAddress.Select(d => d.Segment).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_form_value_is_typed_as_the_JSON_would_carry_it_and_text_that_does_not_parse_stays_text()
    {
        var flag = new FlagField("approved", "审签意见", "同意", "退回修改");
        var draft = new DraftField("draftVersion", "送审的答复稿版本");

        Assert.True(flag.FromForm("true").GetValue<bool>());
        Assert.Equal("yes", flag.FromForm("yes").GetValue<string>());
        Assert.Equal(3, draft.FromForm("3").GetValue<int>());
        Assert.Equal("three", draft.FromForm("three").GetValue<string>());
        Assert.Equal("Input.DraftVersion", draft.FormName);
    }
}
