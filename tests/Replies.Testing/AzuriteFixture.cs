namespace Replies.Testing;

/// <summary>
/// One Azurite per test assembly run, shared through an xUnit collection fixture; each test uses its own task hub or
/// table prefix so tests never see each other's data. Each test assembly declares the collection itself.
/// </summary>
public sealed class AzuriteFixture : Xunit.IAsyncLifetime
{
    private static int _hubCounter;
    private AzuriteInstance? _azurite;

    /// <summary>The connection string of the running Azurite.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    /// <summary>A task hub name no other test uses.</summary>
    public static string NewHubName(string prefix) => $"{prefix}{Interlocked.Increment(ref _hubCounter)}x{Guid.NewGuid().ToString("N")[..6]}";

    /// <inheritdoc />
    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
