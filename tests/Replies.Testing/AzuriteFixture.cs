namespace Replies.Testing;

/// <summary>
/// One Azurite per test assembly run, shared by the test classes that take it as a class fixture (so they run in
/// parallel): started by the first class that asks and stopped when the last one running is done (a class starting
/// after that starts another). Every test uses its own task hub or table prefix, so tests never see each other's data.
/// </summary>
public sealed class AzuriteFixture : Xunit.IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteInstance? _shared;
    private static int _users;
    private static int _hubCounter;
    private AzuriteInstance? _azurite;

    /// <summary>The connection string of the running Azurite.</summary>
    public string ConnectionString => _azurite!.ConnectionString;

    /// <summary>A task hub name no other test uses.</summary>
    public static string NewHubName(string prefix) => $"{prefix}{Interlocked.Increment(ref _hubCounter)}x{Guid.NewGuid().ToString("N")[..6]}";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _shared ??= await AzuriteInstance.StartAsync();
            _users++;
            _azurite = _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            // The last class using it stops it: nothing is left running when the test process ends.
            if (--_users == 0 && _shared is not null)
            {
                await _shared.DisposeAsync();
                _shared = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
