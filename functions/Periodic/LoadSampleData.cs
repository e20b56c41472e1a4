using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Replies.Functions.Seeding;

namespace Replies.Functions.Periodic;

/// <summary>
/// On start (and then on its schedule, <c>Replies:Schedules:SampleData</c>, where it finds the work done) loads the
/// sample data when <c>Replies:Seeds:Load</c> is on: the directory, then each seed letter carried through the real
/// lifecycle. Only the development setup turns it on.
/// </summary>
public sealed class LoadSampleData(SeedLoader seeds, IOptions<SeedOptions> options)
{
    [Function(nameof(LoadSampleData))]
    public Task RunAsync([TimerTrigger("%Replies:Schedules:SampleData%", RunOnStartup = true)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        options.Value.Load ? seeds.LoadItemsAsync(client, cancellationToken) : Task.CompletedTask;
}
