namespace Replies.Testing;

/// <summary>
/// One Azurite per test assembly run, started by the first class that asks and stopped when the test process exits;
/// each test class takes it as a class fixture, so classes run in parallel. Every test uses its own task hub or table
/// prefix, so tests never see each other's data.
/// </summary>
public sealed class AzuriteFixture : Xunit.IAsyncLifetime
{
    private static readonly Lazy<Task<AzuriteInstance>> Shared = new(StartSharedAsync);
    private static int _hubCounter;
    private AzuriteInstance? _azurite;

    /// <summary>The connection string of the running Azurite.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    /// <summary>A task hub name no other test uses.</summary>
    public static string NewHubName(string prefix) => $"{prefix}{Interlocked.Increment(ref _hubCounter)}x{Guid.NewGuid().ToString("N")[..6]}";

    /// <inheritdoc />
    public async Task InitializeAsync() => _azurite = await Shared.Value;

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<AzuriteInstance> StartSharedAsync()
    {
        var azurite = await AzuriteInstance.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
