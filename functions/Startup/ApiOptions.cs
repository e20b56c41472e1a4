using System.ComponentModel.DataAnnotations;

namespace Replies.Functions.Startup;

/// <summary>Limits and timings of the HTTP API (section <c>Replies:Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>Largest request body accepted, in bytes.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How long a decision waits for its outcome before answering 202 with where to look.</summary>
    [Range(0.1, 120)]
    public double DecisionWaitSeconds { get; set; } = 15;

    /// <summary>Longest title, in characters.</summary>
    [Range(10, 500)]
    public int MaxTitleLength { get; set; } = 80;

    /// <summary>Largest page of a list.</summary>
    [Range(10, 1000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>Storage table and container name prefix (letters and digits).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$")]
    public string StoragePrefix { get; set; } = "Replies";
}
