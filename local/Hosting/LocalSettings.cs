using System.Text.Json;

namespace Replies.Local.Hosting;

/// <summary>
/// The app settings in <c>functions/local.settings.json</c> (<c>Values</c>, the form Core Tools reads): what Azure
/// sets on the Function App from <c>infra/</c>, such as the timer schedules. The local host reads them beneath its
/// other configuration; scripts and tests hand them to the real host as environment variables.
/// </summary>
public static class LocalSettings
{
    public const string FileName = "local.settings.json";

    /// <summary>The settings by their environment-variable names (<c>Replies__Schedules__DeadlineSweep</c>).</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>The same settings as configuration keys (<c>Replies:Schedules:DeadlineSweep</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsConfiguration(string path) =>
        Read(path).Select(p => new KeyValuePair<string, string?>(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value));
}
