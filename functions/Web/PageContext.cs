using Replies.Workflows.Directory;

namespace Replies.Functions.Web;

/// <summary>What every page needs besides its own content: who is signed in, the form token, and the notice to show once.</summary>
public sealed record PageContext(DirectoryPerson? Person, string FormToken, string? Flash);
