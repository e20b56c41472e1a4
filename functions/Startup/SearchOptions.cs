namespace Replies.Functions.Startup;

/// <summary>Where the search indexes live (section <c>Replies:Search</c>).</summary>
public sealed class SearchOptions
{
    /// <summary>
    /// Folder of this instance's copies of the shared indexes (and of the writer's working copy); a folder under the
    /// system's temporary folder when unset. Nothing in it outlives what Blob storage holds.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>The pause between two passes: the writer's read of the change feed, each instance's check for a new commit.</summary>
    public TimeSpan FollowEvery { get; set; } = TimeSpan.FromSeconds(1);
}
