namespace Replies.Functions.Web;

/// <summary>What the submission form posts (fields <c>Input.X</c>).</summary>
public sealed class SubmitInput
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public string? Category { get; set; }

    public List<string> CoSigners { get; set; } = [];

    /// <summary>The asks (建议事项), one per box; none: split from the body on submission.</summary>
    public List<string> Asks { get; set; } = [];

    public bool? ToSimplified { get; set; }

    /// <summary>The proposer a clerk enters it for (代录).</summary>
    public string? Proposer { get; set; }

    /// <summary>The Word file the text was read from, kept as the first attachment, and its name.</summary>
    public string? Upload { get; set; }

    public string? UploadName { get; set; }
}
