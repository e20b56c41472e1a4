namespace Replies.Functions.Seeding;

/// <summary>Sample data (section <c>Replies:Seeds</c>): whether to load it on first start, and from where.</summary>
public sealed class SeedOptions
{
    /// <summary>Load the sample directory and replied items when the directory is empty.</summary>
    public bool Load { get; set; }

    /// <summary>The folder holding <c>sample.json</c> and the seed letters (relative to the app's folder).</summary>
    public string Path { get; set; } = "seeds";
}
