namespace Replies.Workflows;

/// <summary>What kind of item: a deputy's suggestion or a member's proposal.</summary>
public enum ProposalKind
{
    /// <summary>建议 of an NPC deputy (人大代表); salutation ××代表.</summary>
    Suggestion,

    /// <summary>提案 of a CPPCC member (政协委员); salutation ××委员.</summary>
    Proposal,
}

/// <summary>Where an item stands.</summary>
public enum ProposalStage
{
    /// <summary>Waiting for co-signers (联名) to confirm.</summary>
    CoSigning,

    /// <summary>Waiting for the clerk office's filing review (立案审查).</summary>
    FilingReview,

    /// <summary>Filed (立案); waiting to be assigned (交办).</summary>
    AwaitingAssignment,

    /// <summary>Assigned; the lead department has not signed for it (签收) yet.</summary>
    AwaitingSignOff,

    /// <summary>Being handled: contact, drafting (拟稿).</summary>
    Drafting,

    /// <summary>A draft waits for the department leader (审签).</summary>
    AwaitingApproval,

    /// <summary>An approved reply waits for the clerk office's review (督办审核).</summary>
    AwaitingClerkReview,

    /// <summary>Replied (答复); waiting for the proposer's feedback.</summary>
    AwaitingFeedback,

    /// <summary>Closed (办结).</summary>
    Closed,

    /// <summary>Merged into another item (并案).</summary>
    Merged,

    /// <summary>Not filed (不予立案).</summary>
    Declined,

    /// <summary>
    /// Submitted, its lifecycle not yet having stored its first stage (登记中): what a reader is shown in the moment
    /// after submission. Never stored.
    /// </summary>
    Registering,
}

/// <summary>The result class of a reply.</summary>
public enum ResultClass
{
    /// <summary>A 已解决或基本解决.</summary>
    A,

    /// <summary>B 正在解决或列入计划解决.</summary>
    B,

    /// <summary>C 因条件限制需以后解决.</summary>
    C,

    /// <summary>D 留作参考.</summary>
    D,
}

/// <summary>Whether and how a reply is published.</summary>
public enum Disclosure
{
    /// <summary>全文公开.</summary>
    Full,

    /// <summary>摘要公开.</summary>
    Summary,

    /// <summary>不公开.</summary>
    NotPublic,
}

/// <summary>The proposer's rating of a reply.</summary>
public enum Rating
{
    /// <summary>满意.</summary>
    Satisfied,

    /// <summary>基本满意.</summary>
    BasicallySatisfied,

    /// <summary>不满意.</summary>
    Unsatisfied,

    /// <summary>No answer within the feedback window (逾期未反馈).</summary>
    NoAnswer,
}

/// <summary>The parts people play.</summary>
public enum Role
{
    /// <summary>A deputy or member.</summary>
    Proposer,

    /// <summary>承办人 of a department.</summary>
    Handler,

    /// <summary>A department's leader (分管领导/主要负责人).</summary>
    Leader,

    /// <summary>The clerk office (交办/督办).</summary>
    Clerk,

    /// <summary>Administrator.</summary>
    Administrator,
}

/// <summary>Who acts: a person, their role and, for department staff, their department.</summary>
public sealed record Actor(string PersonId, string Name, Role Role, string? DepartmentId = null);

/// <summary>A proposer or co-signer.</summary>
public sealed record Person(string PersonId, string Name);

/// <summary>Chinese labels used in letters, notifications and the UI.</summary>
public static class Labels
{
    /// <summary>Stage names as clerks say them.</summary>
    public static string Of(ProposalStage stage) => stage switch
    {
        ProposalStage.CoSigning => "联名确认中",
        ProposalStage.FilingReview => "立案审查",
        ProposalStage.AwaitingAssignment => "待交办",
        ProposalStage.AwaitingSignOff => "待签收",
        ProposalStage.Drafting => "办理中",
        ProposalStage.AwaitingApproval => "待审签",
        ProposalStage.AwaitingClerkReview => "待督办审核",
        ProposalStage.AwaitingFeedback => "已答复待反馈",
        ProposalStage.Closed => "已办结",
        ProposalStage.Merged => "已并案",
        ProposalStage.Declined => "不予立案",
        ProposalStage.Registering => "登记中",
        _ => stage.ToString(),
    };

    /// <summary>Result class with its meaning.</summary>
    public static string Of(ResultClass c) => c switch
    {
        ResultClass.A => "A类（已解决或基本解决）",
        ResultClass.B => "B类（正在解决或列入计划解决）",
        ResultClass.C => "C类（因条件限制需以后解决）",
        ResultClass.D => "D类（留作参考）",
        _ => c.ToString(),
    };

    /// <summary>Rating in Chinese.</summary>
    public static string Of(Rating r) => r switch
    {
        Rating.Satisfied => "满意",
        Rating.BasicallySatisfied => "基本满意",
        Rating.Unsatisfied => "不满意",
        Rating.NoAnswer => "逾期未反馈",
        _ => r.ToString(),
    };

    /// <summary>A person's role as the directory shows it; a proposer by kind (人大代表 or 政协委员).</summary>
    public static string Of(Role role, ProposalKind? kind = null) => role switch
    {
        Role.Proposer => kind == ProposalKind.Proposal ? "政协委员" : "人大代表",
        Role.Handler => "承办人",
        Role.Leader => "单位领导",
        Role.Clerk => "交办督办",
        Role.Administrator => "系统管理员",
        _ => role.ToString(),
    };

    /// <summary>The kind's noun: 建议 or 提案.</summary>
    public static string Noun(ProposalKind kind) => kind == ProposalKind.Suggestion ? "建议" : "提案";

    /// <summary>The title a proposer is addressed by: 代表 or 委员.</summary>
    public static string Title(ProposalKind kind) => kind == ProposalKind.Suggestion ? "代表" : "委员";
}
