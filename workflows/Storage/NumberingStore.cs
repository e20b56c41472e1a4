using Azure;
using Azure.Data.Tables;

namespace Replies.Workflows.Storage;

/// <summary>
/// Sequential numbers (filing numbers per session, letter numbers per year). Asking again for the same key returns
/// the same number, so an activity that runs twice does not use up two.
/// </summary>
public sealed class NumberingStore(ReplyStorage storage)
{
    /// <summary>The number of <paramref name="key"/> in <paramref name="scope"/>, assigned on first request.</summary>
    public async Task<int> NumberForAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        var partition = Sanitize(scope);
        var rowKey = "k|" + Sanitize(key);
        var existing = await storage.Counters.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        if (existing.HasValue)
        {
            return existing.Value!.GetInt32("Number")!.Value;
        }

        while (true)
        {
            var counter = await storage.Counters.GetEntityIfExistsAsync<TableEntity>(partition, "counter", cancellationToken: cancellationToken);
            var next = (counter.HasValue ? counter.Value!.GetInt32("Last") ?? 0 : 0) + 1;
            // The counter row and the key row change together in one transaction: no gap, no double.
            var batch = new List<TableTransactionAction>
            {
                counter.HasValue
                    ? new(TableTransactionActionType.UpdateReplace, new TableEntity(partition, "counter") { ["Last"] = next }, counter.Value!.ETag)
                    : new(TableTransactionActionType.Add, new TableEntity(partition, "counter") { ["Last"] = next }),
                new(TableTransactionActionType.Add, new TableEntity(partition, rowKey) { ["Number"] = next }),
            };
            try
            {
                await storage.Counters.SubmitTransactionAsync(batch, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                var raced = await storage.Counters.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
                if (raced.HasValue)
                {
                    return raced.Value!.GetInt32("Number")!.Value;
                }
            }
        }
    }

    private static string Sanitize(string value) => string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));
}
