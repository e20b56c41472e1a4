using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace Replies.Durable.AzureStorage;

/// <summary>
/// Owns control-queue partitions through blob leases (<c>{hub}-leases/partition-NN</c>). Each worker announces itself with
/// a heartbeat blob, aims for an equal share of the partitions, takes free or expired leases up to its share and gives
/// back any above it, renews what it holds, and releases everything on shutdown. A lease it fails to renew is reported
/// lost at once, so the worker stops processing that partition before another can take it.
/// </summary>
internal sealed partial class PartitionLeaseManager(TaskHubStorage storage, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<int, BlobLeaseClient> _owned = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly string _leaseId = LeaseIdFor(storage.Options.WorkerId);
    private Task? _loop;

    public event Func<int, Task>? Acquired;

    public event Func<int, Task>? Lost;

    public IReadOnlyCollection<int> OwnedPartitions
    {
        get
        {
            lock (_owned)
            {
                return [.. _owned.Keys];
            }
        }
    }

    private DurableTaskOptions Options => storage.Options;

    /// <summary>A lease id from the worker id: a restarted worker with the same id picks its leases up without waiting for expiry.</summary>
    internal static string LeaseIdFor(string workerId) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(workerId)).AsSpan(0, 16)).ToString();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, Options.PartitionCount).Select(async p =>
        {
            var blob = storage.Leases.GetBlobClient(PartitionBlob(p));
            try
            {
                await blob.UploadAsync(BinaryData.FromString(""), overwrite: false, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Exists (and may be leased): fine.
            }
        }));
        await BalanceAsync(cancellationToken);
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        int[] owned;
        lock (_owned)
        {
            owned = [.. _owned.Keys];
        }

        foreach (var p in owned)
        {
            // Stop processing before the lease can pass to another worker.
            await RaiseAsync(Lost, p);
            await ReleaseAsync(p);
        }

        try
        {
            await storage.Leases.GetBlobClient(HeartbeatBlob()).DeleteIfExistsAsync();
        }
        catch (RequestFailedException)
        {
        }
    }

    private static string PartitionBlob(int partition) => $"partition-{partition:D2}";

    private string HeartbeatBlob() => $"workers/{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Options.WorkerId)), 0, 12)}";

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.LeaseRenewInterval, ct);
                await RenewAsync(ct);
                await BalanceAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or IOException)
            {
                LogLeaseLoopFailed(ex);
            }
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        KeyValuePair<int, BlobLeaseClient>[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
        }

        foreach (var (partition, lease) in owned)
        {
            try
            {
                await lease.RenewAsync(cancellationToken: ct);
            }
            catch (RequestFailedException ex)
            {
                LogLeaseLost(ex, partition);
                lock (_owned)
                {
                    _owned.Remove(partition);
                }

                await RaiseAsync(Lost, partition);
            }
        }
    }

    private async Task BalanceAsync(CancellationToken ct)
    {
        await storage.Leases.GetBlobClient(HeartbeatBlob()).UploadAsync(BinaryData.FromString(Options.WorkerId), overwrite: true, ct);
        var now = DateTimeOffset.UtcNow;
        var liveWorkers = 0;
        var free = new List<int>();
        await foreach (var blob in storage.Leases.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, ct))
        {
            if (blob.Name.StartsWith("workers/", StringComparison.Ordinal))
            {
                // A heartbeat older than a lease means its worker is gone.
                if (now - blob.Properties.LastModified < Options.LeaseDuration + Options.LeaseRenewInterval)
                {
                    liveWorkers++;
                }
            }
            else if (blob.Name.StartsWith("partition-", StringComparison.Ordinal)
                && int.TryParse(blob.Name.AsSpan("partition-".Length), out var p) && p < Options.PartitionCount
                && blob.Properties.LeaseState is not LeaseState.Leased)
            {
                free.Add(p);
            }
        }

        var target = (int)Math.Ceiling(Options.PartitionCount / (double)Math.Max(1, liveWorkers));
        int ownedCount;
        lock (_owned)
        {
            ownedCount = _owned.Count;
        }

        // Restart with the same worker id: our old leases look taken, yet acquiring with our lease id succeeds.
        foreach (var p in ownedCount < target ? free.Concat(Enumerable.Range(0, Options.PartitionCount).Except(free)) : [])
        {
            if (ownedCount >= target)
            {
                break;
            }

            lock (_owned)
            {
                if (_owned.ContainsKey(p))
                {
                    continue;
                }
            }

            if (await TryAcquireAsync(p, ct))
            {
                ownedCount++;
            }
        }

        while (ownedCount > target)
        {
            int give;
            lock (_owned)
            {
                give = _owned.Keys.Max();
            }

            await RaiseAsync(Lost, give);
            await ReleaseAsync(give);
            ownedCount--;
        }
    }

    private async Task<bool> TryAcquireAsync(int partition, CancellationToken ct)
    {
        var lease = storage.Leases.GetBlobClient(PartitionBlob(partition)).GetBlobLeaseClient(_leaseId);
        try
        {
            await lease.AcquireAsync(Options.LeaseDuration, cancellationToken: ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        lock (_owned)
        {
            _owned[partition] = lease;
        }

        LogAcquired(partition, Options.WorkerId);
        await RaiseAsync(Acquired, partition);
        return true;
    }

    private async Task ReleaseAsync(int partition)
    {
        BlobLeaseClient? lease;
        lock (_owned)
        {
            _owned.Remove(partition, out lease);
        }

        if (lease is null)
        {
            return;
        }

        try
        {
            await lease.ReleaseAsync();
        }
        catch (RequestFailedException ex)
        {
            LogReleaseFailed(ex, partition);
        }
    }

    private static async Task RaiseAsync(Func<int, Task>? handler, int partition)
    {
        if (handler is not null)
        {
            await handler(partition);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquired partition {Partition} as {WorkerId}")]
    private partial void LogAcquired(int partition, string workerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on partition {Partition}")]
    private partial void LogLeaseLost(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release partition {Partition}")]
    private partial void LogReleaseFailed(Exception exception, int partition);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease maintenance failed; retrying")]
    private partial void LogLeaseLoopFailed(Exception exception);
}
