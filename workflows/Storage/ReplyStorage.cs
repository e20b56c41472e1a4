using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Replies.Workflows.Storage;

/// <summary>
/// The application's tables and containers. A prefix keeps deployments (and tests) apart in one account.
/// </summary>
public sealed class ReplyStorage
{
    private readonly object _gate = new();
    private Task? _creation;

    /// <summary>Creates the clients from a connection string and a name prefix (letters and digits).</summary>
    public ReplyStorage(string connectionString, string prefix = "Replies", Action<Azure.Core.ClientOptions>? configure = null)
        : this(StorageAccount.FromConnectionString(connectionString), prefix, configure)
    {
    }

    /// <summary>Creates the clients for an account (connection string, or endpoints with a managed identity).</summary>
    public ReplyStorage(StorageAccount account, string prefix = "Replies", Action<Azure.Core.ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var tableOptions = account.Options(new TableClientOptions());
        var blobOptions = account.Options(new BlobClientOptions());
        configure?.Invoke(tableOptions);
        configure?.Invoke(blobOptions);
        var tables = account.ConnectionString is { } cs ? new TableServiceClient(cs, tableOptions) : new TableServiceClient(account.TableUri, account.Credential, tableOptions);
        var blobs = account.ConnectionString is { } bcs ? new BlobServiceClient(bcs, blobOptions) : new BlobServiceClient(account.BlobUri, account.Credential, blobOptions);
        var lower = prefix.ToLowerInvariant();
        Status = tables.GetTableClient(prefix + "Status");
        BySession = tables.GetTableClient(prefix + "BySession");
        ByDepartment = tables.GetTableClient(prefix + "ByDepartment");
        ByDueDate = tables.GetTableClient(prefix + "ByDueDate");
        ByProposer = tables.GetTableClient(prefix + "ByProposer");
        Audit = tables.GetTableClient(prefix + "Audit");
        Outbox = tables.GetTableClient(prefix + "Outbox");
        Requests = tables.GetTableClient(prefix + "Requests");
        Counters = tables.GetTableClient(prefix + "Counters");
        Opinions = tables.GetTableClient(prefix + "Opinions");
        Changes = tables.GetTableClient(prefix + "Changes");
        Directory = tables.GetTableClient(prefix + "Directory");
        Submissions = tables.GetTableClient(prefix + "Submissions");
        Alarms = tables.GetTableClient(prefix + "Alarms");
        NoticeReads = tables.GetTableClient(prefix + "NoticeReads");
        Limits = tables.GetTableClient(prefix + "Limits");
        Drafts = blobs.GetBlobContainerClient(lower + "-drafts");
        Proposals = blobs.GetBlobContainerClient(lower + "-proposals");
        Library = blobs.GetBlobContainerClient(lower + "-library");
        Letters = blobs.GetBlobContainerClient(lower + "-letters");
        Attachments = blobs.GetBlobContainerClient(lower + "-attachments");
        Keys = blobs.GetBlobContainerClient(lower + "-keys");
    }

    /// <summary>Rate-limit counters shared by all instances: partition = kind|scope (person, address), row = key; Count, WindowStart.</summary>
    public TableClient Limits { get; }

    /// <summary>One status row per proposal (partition = proposal id, row key "status").</summary>
    public TableClient Status { get; }

    /// <summary>Index: partition = session, row = proposal id; the clerk's list.</summary>
    public TableClient BySession { get; }

    /// <summary>Index: partition = department, row = proposal id; a department's inbox.</summary>
    public TableClient ByDepartment { get; }

    /// <summary>Index: partition = due month (yyyyMM), row = due date and proposal id; the deadline board.</summary>
    public TableClient ByDueDate { get; }

    /// <summary>Index: partition = person, row = proposal id; a proposer's own items.</summary>
    public TableClient ByProposer { get; }

    /// <summary>Every transition: partition = proposal id, row = sequence.</summary>
    public TableClient Audit { get; }

    /// <summary>Notifications: partition = recipient, row = proposal id, sequence and index.</summary>
    public TableClient Outbox { get; }

    /// <summary>What became of each request: partition = proposal id, row = request id.</summary>
    public TableClient Requests { get; }

    /// <summary>Numbering (filing numbers per session, letter numbers per year).</summary>
    public TableClient Counters { get; }

    /// <summary>Co-handling opinions: partition = proposal id, row = department.</summary>
    public TableClient Opinions { get; }

    /// <summary>Change feed: partition = UTC minute (yyyyMMddHHmm), row = ticks, proposal id and sequence.</summary>
    public TableClient Changes { get; }

    /// <summary>People and departments: partition = "person" or "department", row = id.</summary>
    public TableClient Directory { get; }

    /// <summary>Idempotent submissions: partition = person, row = the client's idempotency key.</summary>
    public TableClient Submissions { get; }

    /// <summary>Deadlines kept as data: partition "due", row = due time and instance id.</summary>
    public TableClient Alarms { get; }

    /// <summary>Proposal texts: <c>{proposalId}.json</c> (normalised title and body, and the originals).</summary>
    public BlobContainerClient Proposals { get; }

    /// <summary>The policy library: <c>{documentId}.json</c>.</summary>
    public BlobContainerClient Library { get; }

    /// <summary>Draft versions: <c>{proposalId}/v{version:D4}.txt</c>.</summary>
    public BlobContainerClient Drafts { get; }

    /// <summary>Issued letters: <c>{proposalId}/reply-r{round}.docx</c>.</summary>
    public BlobContainerClient Letters { get; }

    /// <summary>Attachments: <c>{proposalId}/{name}</c>.</summary>
    public BlobContainerClient Attachments { get; }

    /// <summary>The key ring that protects session cookies and form tokens, shared by every instance: <c>{key id}.xml</c>.</summary>
    public BlobContainerClient Keys { get; }

    /// <summary>Which notices of the outbox a person has opened: partition = person id, row = recipient|notice key.</summary>
    public TableClient NoticeReads { get; }

    /// <summary>Creates every table and container once.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = Task.WhenAll(
                    new[] { Status, BySession, ByDepartment, ByDueDate, ByProposer, Audit, Outbox, Requests, Counters, Opinions, Directory, Submissions, Changes, Alarms, NoticeReads, Limits }
                        .Select(t => (Task)t.CreateIfNotExistsAsync(cancellationToken))
                        .Concat(new[] { Drafts, Letters, Attachments, Proposals, Library, Keys }.Select(c => (Task)c.CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
            }

            return _creation;
        }
    }
}
