namespace Replies.Functions.Startup;

/// <summary>Where the search indexes live (section <c>Replies:Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// Folder of the two Lucene indexes (<c>internal</c>, <c>public</c>); a folder under the system's temporary
    /// folder per storage prefix when unset. The indexes are rebuilt from storage at every start.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>The pause between two reads of the change feed by which the indexes follow every instance's changes.</summary>
    public TimeSpan FollowEvery { get; set; } = TimeSpan.FromSeconds(1);
}
