namespace Replies.Functions.Startup;

/// <summary>What a submission may name (section <c>Replies:Intake</c>): the open sessions and the categories.</summary>
public sealed class IntakeOptions
{
    /// <summary>The session a deputy's suggestion is filed under when the submission names none.</summary>
    public string SuggestionSession { get; set; } = "";

    /// <summary>The session a member's proposal is filed under when the submission names none.</summary>
    public string ProposalSession { get; set; } = "";

    /// <summary>Every session a submission may name.</summary>
    public List<string> Sessions { get; set; } = [];

    /// <summary>The categories (类别) offered.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Most co-signers one item may invite.</summary>
    public int MaxCoSigners { get; set; } = 30;
}
