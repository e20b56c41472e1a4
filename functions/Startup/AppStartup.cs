using Replies.Functions.Seeding;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>
/// What must be in memory before the first request: the tables, the directory (the sample one written first when
/// seeding is on) and the catalog. Runs as the host starts; functions wait for <see cref="Ready"/>.
/// </summary>
public sealed class AppStartup(ReplyStorage storage, SeedLoader seeds, DirectoryStore directory, ProposalCatalog catalog) : IHostedService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            await seeds.LoadDirectoryAsync(cancellationToken);
            await directory.LoadAsync(cancellationToken: cancellationToken);
            await catalog.RefreshAsync(cancellationToken: cancellationToken);
            _ready.TrySetResult();
        }
        catch (Exception ex)
        {
            _ready.TrySetException(ex);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
