using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;

namespace Replies.Workflows.UnitTests;

/// <summary>
/// The descriptors of <see cref="DecisionCatalog"/> without an orchestration: who may give each decision, when the item
/// lets them, and what its content must hold. The API and the orchestration both ask these, so these cases are the
/// rules themselves.
/// </summary>
public sealed class DecisionCatalogTests
{
    private static readonly Actor Outsider = new("h9", "王其他", Role.Handler, "市教育局");
    private static readonly Actor Admin = new("a1", "管理员", Role.Administrator);

    private static readonly Dictionary<string, Actor> Actors = new(StringComparer.Ordinal)
    {
        ["clerk"] = People.Clerk,
        ["handler"] = People.Handler,
        ["leader"] = People.Leader,
        ["coHandler"] = People.CoHandler,
        ["proposer"] = People.Proposer,
        ["outsider"] = Outsider,
        ["admin"] = Admin,
    };

    private static ProposalSnapshot Item(ProposalStage stage) => new()
    {
        ProposalId = "2026-0001",
        Kind = ProposalKind.Suggestion,
        Session = "2026",
        Title = "关于加强科技创新平台建设的建议",
        Category = "科技创新",
        Proposer = People.Deputy,
        PendingCoSigners = stage == ProposalStage.CoSigning ? [People.CoSigner] : [],
        Stage = stage,
        LeadDepartment = "市科技局",
        CoHandlers = ["市发改委"],
    };

    [Theory]
    [InlineData("filing", "clerk", true)]
    [InlineData("filing", "admin", false)]
    [InlineData("filing", "handler", false)]
    [InlineData("assign", "clerk", true)]
    [InlineData("markKey", "leader", false)]
    [InlineData("signFor", "handler", true)]
    [InlineData("signFor", "coHandler", true)]
    [InlineData("signFor", "outsider", false)]
    [InlineData("recordContact", "handler", true)]
    [InlineData("recordContact", "coHandler", false)]
    [InlineData("saveDraft", "leader", true)]
    [InlineData("saveDraft", "coHandler", false)]
    [InlineData("submitForApproval", "handler", true)]
    [InlineData("approve", "leader", true)]
    [InlineData("approve", "handler", false)]
    [InlineData("clerkReview", "clerk", true)]
    [InlineData("feedback", "proposer", true)]
    [InlineData("feedback", "clerk", false)]
    [InlineData("sendOpinion", "coHandler", true)]
    [InlineData("sendOpinion", "handler", false)]
    [InlineData("decideExtension", "clerk", true)]
    [InlineData("decideExtension", "handler", false)]
    [InlineData("cosign", "proposer", false)]
    public void Who_may_give_a_decision(string decision, string actor, bool allowed)
    {
        var refusal = DecisionCatalog.Named(decision)!.Check(Actors[actor], Item(ProposalStage.Drafting));
        Assert.Equal(allowed, refusal is not { NotNow: false });
    }

    [Theory]
    [InlineData("signFor", ProposalStage.AwaitingSignOff, true)]
    [InlineData("signFor", ProposalStage.FilingReview, false)]
    [InlineData("signFor", ProposalStage.Closed, false)]
    [InlineData("submitForApproval", ProposalStage.Drafting, true)]
    [InlineData("submitForApproval", ProposalStage.AwaitingApproval, false)]
    [InlineData("approve", ProposalStage.AwaitingApproval, true)]
    [InlineData("approve", ProposalStage.AwaitingFeedback, false)]
    [InlineData("feedback", ProposalStage.AwaitingFeedback, true)]
    [InlineData("feedback", ProposalStage.Drafting, false)]
    [InlineData("markKey", ProposalStage.CoSigning, true)]
    [InlineData("markKey", ProposalStage.Declined, false)]
    [InlineData("saveDraft", ProposalStage.AwaitingClerkReview, true)]
    [InlineData("saveDraft", ProposalStage.AwaitingFeedback, false)]
    public void A_decision_is_open_only_in_its_stages_and_says_which_stage_the_item_is_in(string decision, ProposalStage stage, bool open)
    {
        var kind = DecisionCatalog.Named(decision)!;
        var actor = kind.Name switch { "signFor" or "submitForApproval" or "saveDraft" => People.Handler, "approve" => People.Leader, "feedback" => People.Proposer, _ => People.Clerk };
        var refusal = kind.Check(actor, Item(stage));
        if (open)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.True(refusal!.NotNow);
            Assert.Equal($"本件当前处于「{Labels.Of(stage)}」阶段，不能{kind.Verb}。", refusal.Message);
        }
    }

    [Fact]
    public void The_state_a_decision_needs_beyond_its_stage_is_named_in_its_refusal()
    {
        var signed = Item(ProposalStage.Drafting) with { SignedDepartments = ["市科技局"] };
        Assert.Equal("贵单位已签收本件。", DecisionCatalog.SignFor.Check(People.Handler, signed)?.Message);
        Assert.Equal("贵单位已签收本件，不能再申请调整。", DecisionCatalog.RequestReassignment.Check(People.Handler, signed)?.Message);
        var asked = Item(ProposalStage.AwaitingSignOff) with { PendingReassignments = [new("r1", "市发改委", "职能不符")] };
        Assert.Equal("贵单位的调整申请尚待交办部门决定。", DecisionCatalog.SignFor.Check(People.CoHandler, asked)?.Message);
        Assert.Null(DecisionCatalog.DecideReassignment.Check(People.Clerk, asked));
        Assert.Equal("没有待决定的调整申请。", DecisionCatalog.DecideReassignment.Check(People.Clerk, signed)?.Message);
        var extending = Item(ProposalStage.Drafting) with { PendingExtension = new("r2", "市科技局", "需要调研", new DateOnly(2026, 12, 31)) };
        Assert.Equal("已有延期申请待决定。", DecisionCatalog.RequestExtension.Check(People.Handler, extending)?.Message);
        Assert.Null(DecisionCatalog.DecideExtension.Check(People.Clerk, extending));
        Assert.Equal("没有待决定的延期申请。", DecisionCatalog.DecideExtension.Check(People.Clerk, signed)?.Message);
    }

    public static TheoryData<string, ProposalAction, string?> Contents => new()
    {
        { "filing", new FilingDecided("r", People.Clerk, FilingDecision.File), null },
        { "filing", new FilingDecided("r", People.Clerk, FilingDecision.Merge, " "), "mergeInto" },
        { "filing", new FilingDecided("r", People.Clerk, FilingDecision.Decline), "reason" },
        { "assign", new Assigned("r", People.Clerk, "", []), "leadDepartment" },
        { "assign", new Assigned("r", People.Clerk, "市科技局", []), null },
        { "requestReassignment", new ReassignmentRequested("r", People.Handler, "  "), "reason" },
        { "recordContact", new ContactRecorded("r", People.Handler, new DateOnly(2026, 5, 1), "座谈", ""), "summary" },
        { "recordContact", new ContactRecorded("r", People.Handler, new DateOnly(2026, 5, 1), "", "当面听取意见"), "form" },
        { "submitForApproval", new SubmittedForApproval("r", People.Handler, 0, ResultClass.A, Disclosure.Full), "draftVersion" },
        { "submitForApproval", new SubmittedForApproval("r", People.Handler, 1, ResultClass.D, Disclosure.Full), "resultClass" },
        { "submitForApproval", new SubmittedForApproval("r", People.Handler, 1, ResultClass.B, Disclosure.Full), null },
        { "approve", new ApprovalDecided("r", People.Leader, false, " "), "comments" },
        { "approve", new ApprovalDecided("r", People.Leader, true), null },
        { "clerkReview", new ClerkReviewed("r", People.Clerk, false), "comments" },
        { "clerkReview", new ClerkReviewed("r", People.Clerk, true, ResultClass.D), "resultClass" },
        { "feedback", new FeedbackGiven("r", People.Proposer, Rating.NoAnswer), "rating" },
        { "feedback", new FeedbackGiven("r", People.Proposer, Rating.Unsatisfied), "comment" },
        { "feedback", new FeedbackGiven("r", People.Proposer, Rating.Unsatisfied, "未解决实际问题"), null },
        { "requestExtension", new ExtensionRequested("r", People.Handler, new DateOnly(2026, 12, 31), ""), "reason" },
        { "sendOpinion", new CoHandlingOpinionSent("r", People.CoHandler, " "), "opinion" },
    };

    [Theory]
    [MemberData(nameof(Contents))]
    public void A_decisions_content_is_checked_without_an_item(string decision, ProposalAction action, string? field)
    {
        // The default rules leave out class D (留作参考): only offices that use it accept it.
        var rules = new RulesProfile();
        Assert.DoesNotContain(ResultClass.D, rules.ResultClasses);
        var problems = DecisionCatalog.Named(decision)!.ProblemsOf(action, rules);
        Assert.Equal(field, Assert.Single(problems.Select(p => p.Field).DefaultIfEmpty()));
    }

    [Fact]
    public void Every_event_a_person_sends_has_one_descriptor_and_every_name_is_distinct()
    {
        var events = typeof(ProposalAction).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(ProposalAction)) && t != typeof(ProposersMergedIn))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal);
        Assert.Equal(events, DecisionCatalog.All.Select(d => d.EventName).OfType<string>().Order(StringComparer.Ordinal));
        Assert.Equal(DecisionCatalog.All.Count, DecisionCatalog.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(DecisionCatalog.All, d => Assert.Same(d, DecisionCatalog.Named(d.Name)));
    }
}
