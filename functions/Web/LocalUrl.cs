namespace Replies.Functions.Web;

/// <summary>Whether a return address stays on this site (so a sign-in link cannot send people elsewhere).</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
