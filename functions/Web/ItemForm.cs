namespace Replies.Functions.Web;

/// <summary>The state of the item page's forms: the one just refused (open, with what was typed and its messages).</summary>
public sealed record ItemForm(string? Active, ActionInput Input, IDictionary<string, string[]>? Errors, string? Message)
{
    public static readonly ItemForm Empty = new(null, new ActionInput(), null, null);

    /// <summary>What each action is called on its button.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["cosign"] = "答复联名邀请",
        ["filing"] = "立案审查",
        ["assign"] = "交办",
        ["markKey"] = "确定重点",
        ["signFor"] = "签收",
        ["requestReassignment"] = "申请调整",
        ["decideReassignment"] = "决定调整申请",
        ["recordContact"] = "记录沟通情况",
        ["saveDraft"] = "保存答复稿",
        ["submitForApproval"] = "送审",
        ["approve"] = "审签",
        ["clerkReview"] = "督办审核",
        ["feedback"] = "满意度测评",
        ["requestExtension"] = "申请延期",
        ["decideExtension"] = "决定延期申请",
        ["sendOpinion"] = "提交会办意见",
    };

    /// <summary>The messages for the form of <paramref name="act"/>: only the refused form shows them.</summary>
    public IDictionary<string, string[]>? ErrorsOf(string act) => act == Active ? Errors : null;

    /// <summary>What was typed into the form of <paramref name="act"/>, or an empty input for the others.</summary>
    public ActionInput InputOf(string act) => act == Active ? Input : new ActionInput();
}
