namespace Replies.Functions.Web;

/// <summary>
/// What the item page's forms post. One record serves every action: each form sends the fields its action needs,
/// and the page maps them onto that action's request, so validation stays in one place (the function's own).
/// </summary>
public sealed class ActionInput
{
    public bool? Confirmed { get; set; }

    public Workflows.Lifecycle.FilingDecision? Decision { get; set; }

    public string? MergeInto { get; set; }

    public string? Reason { get; set; }

    public string? LeadDepartment { get; set; }

    public List<string> CoHandlers { get; set; } = [];

    /// <summary>The asks as the clerk corrects their split at filing.</summary>
    public List<string> Asks { get; set; } = [];

    public bool? IsKey { get; set; }

    public string? SupervisingLeader { get; set; }

    public string? Department { get; set; }

    public bool? Approved { get; set; }

    public string? Comment { get; set; }

    public string? Comments { get; set; }

    public DateOnly? Date { get; set; }

    public string? Form { get; set; }

    public string? Summary { get; set; }

    public string? Text { get; set; }

    public int? DraftVersion { get; set; }

    public ResultClass? ResultClass { get; set; }

    public Disclosure? Disclosure { get; set; }

    public string? HandlerName { get; set; }

    public string? HandlerPhone { get; set; }

    public string? Opinion { get; set; }

    public DateOnly? Until { get; set; }

    public Rating? Rating { get; set; }
}
