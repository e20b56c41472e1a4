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

    /// <summary>Filing numbers (立案号) run per session.</summary>
    public static string FilingScope(string session) => "filing|" + session;

    /// <summary>Letter numbers run per prefix and year (政办函〔2026〕12号).</summary>
    public static string LetterScope(string prefix, int year) => $"letters|{prefix}|{year}";

    /// <summary>The key of an item's letter in a round of handling.</summary>
    public static string LetterKey(string proposalId, int round) => $"{proposalId}|r{round}";

    /// <summary>
    /// Puts back a number restored from an archive: its key row, and the scope's counter raised to it, so a number
    /// given later never repeats it.
    /// </summary>
    public async Task RestoreAsync(string scope, string key, int number, CancellationToken cancellationToken = default)
    {
        var partition = Sanitize(scope);
        await storage.Counters.UpsertEntityAsync(new TableEntity(partition, "k|" + Sanitize(key)) { ["Number"] = number }, TableUpdateMode.Replace, cancellationToken);
        while (true)
        {
            var counter = await storage.Counters.GetEntityIfExistsAsync<TableEntity>(partition, "counter", cancellationToken: cancellationToken);
            if (counter.HasValue && (counter.Value!.GetInt32("Last") ?? 0) >= number)
            {
                return;
            }

            try
            {
                var row = new TableEntity(partition, "counter") { ["Last"] = number };
                await (counter.HasValue
                    ? storage.Counters.UpdateEntityAsync(row, counter.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : storage.Counters.AddEntityAsync(row, cancellationToken));
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Raised meanwhile: look again.
            }
        }
    }

    private static string Sanitize(string value) => string.Concat(value.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));
}
