using Replies.Workflows.Search;

namespace Replies.Functions.Search;

/// <summary>A search result as clients see it; <c>snippet</c> is HTML with <c>&lt;mark&gt;</c> around matches.</summary>
public sealed record SearchResult(
    string Id,
    SearchKind Kind,
    string KindLabel,
    string Title,
    string? ProposalId,
    string? Session,
    string? Department,
    DateTime? Date,
    string? Stage,
    float Score,
    string Snippet)
{
    public static SearchResult Of(SearchHit h, string? stage = null) => new(
        h.Id,
        h.Kind,
        Label(h.Kind),
        h.Title,
        h.ProposalId,
        h.Session,
        h.Department,
        h.Date,
        stage,
        MathF.Round(h.Score, 3),
        h.Snippet);

    /// <summary>The stage of the hit's item when it was indexed, as people read it.</summary>
    public static string? StageLabel(SearchHit h) =>
        h.ProposalId is not null && Enum.TryParse<Workflows.ProposalStage>(h.Stage, out var stage) ? Workflows.Labels.Of(stage) : null;

    public static string Label(SearchKind kind) => kind switch
    {
        SearchKind.Proposal => "建议提案",
        SearchKind.Reply => "答复",
        SearchKind.Library => "政策文件",
        _ => "段落",
    };
}
