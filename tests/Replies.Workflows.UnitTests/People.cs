using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.UnitTests;

/// <summary>The people the orchestration tests act as.</summary>
internal static class People
{
    public static readonly Person Deputy = new("d1", "叶元朋");
    public static readonly Person CoSigner = new("d2", "王明新");
    public static readonly Person Merged = new("d3", "李红梅");
    public static readonly Actor Clerk = new("c1", "督查室", Role.Clerk);
    public static readonly Actor Handler = new("h1", "张承办", Role.Handler, "市科技局");
    public static readonly Actor Leader = new("l1", "李局长", Role.Leader, "市科技局");
    public static readonly Actor CoHandler = new("h2", "刘会办", Role.Handler, "市发改委");
    public static readonly Actor Proposer = new(Deputy.PersonId, Deputy.Name, Role.Proposer);
}
