namespace Replies.Testing;

/// <summary>
/// The command line every test and benchmark starts the local host with: development mode on the given Azurite, its
/// own table prefix and task hub, quiet logs, and request limits out of the way (synthetic people act far faster than
/// people, from one address). Each caller adds what it is about; a later argument wins over an earlier one.
/// </summary>
public static class LocalHostArgs
{
    /// <param name="connectionString">The Azurite to use.</param>
    /// <param name="prefix">Table and container prefix; the task hub is named after it.</param>
    /// <param name="listen">Listen on a free loopback port (a real server, for browsers and benchmarks), not only in memory.</param>
    /// <param name="extra">What this caller adds or overrides.</param>
    public static string[] For(string connectionString, string prefix, bool listen, params string[] extra) =>
    [
        "--environment=Development",
        $"--AzureWebJobsStorage={connectionString}",
        $"--Replies:Api:StoragePrefix={prefix}",
        $"--extensions:durableTask:hubName={prefix}hub",
        "--Replies:Seeds:Load=false",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:DurableTask=Warning",
        "--Replies:Limits:SubmissionsPerPerson=100000",
        "--Replies:Limits:SubmissionsPerAddress=100000",
        "--Replies:Limits:SignInsPerPerson=100000",
        "--Replies:Limits:SignInsPerAddress=100000",
        .. listen ? ["--urls=http://127.0.0.1:0"] : Array.Empty<string>(),
        .. extra,
    ];
}
