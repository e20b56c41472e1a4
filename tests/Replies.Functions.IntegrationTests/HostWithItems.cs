namespace Replies.Functions.IntegrationTests;

/// <summary>
/// A class fixture of data-driven tests: an Azurite and a host of its own (so the class runs beside the others), with
/// the items its cases act on made once in <see cref="PrepareAsync"/>.
/// </summary>
public abstract class HostWithItems : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Host = await ApiHost.StartAsync(_azurite.ConnectionString);
        await PrepareAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>Makes the items the cases act on.</summary>
    protected abstract Task PrepareAsync();
}
