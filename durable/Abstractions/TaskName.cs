namespace Replies.Durable;

/// <summary>The name and optional version of an orchestrator or activity.</summary>
/// <param name="Name">The registered name.</param>
/// <param name="Version">The version; empty means the newest registered version.</param>
public readonly record struct TaskName(string Name, string Version = "")
{
    /// <summary>Converts a plain name to a <see cref="TaskName"/> without a version.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Version) ? Name : $"{Name}@{Version}";
}
