using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Replies.Workflows.Storage;

/// <summary>
/// The application's tables and containers. A prefix keeps deployments (and tests) apart in one account.
/// </summary>
public sealed class ReplyStorage
{
    private readonly object _gate = new();
    private readonly QueueServiceClient _queues;
    private Task? _creation;

    /// <summary>Creates the clients from a connection string and a name prefix (letters and digits).</summary>
    public ReplyStorage(string connectionString, string prefix = "Replies", Action<Azure.Core.ClientOptions>? configure = null, string? noticeQueue = null)
        : this(StorageAccount.FromConnectionString(connectionString), prefix, configure, noticeQueue)
    {
    }

    /// <summary>Creates the clients for an account (connection string, or endpoints with a managed identity).</summary>
    public ReplyStorage(StorageAccount account, string prefix = "Replies", Action<Azure.Core.ClientOptions>? configure = null, string? noticeQueue = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var tableOptions = account.Options(new TableClientOptions());
        var blobOptions = account.Options(new BlobClientOptions());
        configure?.Invoke(tableOptions);
        configure?.Invoke(blobOptions);
        var tables = account.ConnectionString is { } cs ? new TableServiceClient(cs, tableOptions) : new TableServiceClient(account.TableUri, account.Credential, tableOptions);
        var blobs = account.ConnectionString is { } bcs ? new BlobServiceClient(bcs, blobOptions) : new BlobServiceClient(account.BlobUri, account.Credential, blobOptions);
        var queueOptions = account.Options(new QueueClientOptions());
        configure?.Invoke(queueOptions);
        var queues = account.ConnectionString is { } qcs ? new QueueServiceClient(qcs, queueOptions) : new QueueServiceClient(account.QueueUri, account.Credential, queueOptions);
        var lower = prefix.ToLowerInvariant();
        Status = tables.GetTableClient(prefix + "Status");
        ItemsBySession = tables.GetTableClient(prefix + "ItemsBySession");
        ItemsByDepartment = tables.GetTableClient(prefix + "ItemsByDepartment");
        ItemsByPerson = tables.GetTableClient(prefix + "ItemsByPerson");
        ItemsByQueue = tables.GetTableClient(prefix + "ItemsByQueue");
        Metrics = tables.GetTableClient(prefix + "Metrics");
        Outbox = tables.GetTableClient(prefix + "Outbox");
        Counters = tables.GetTableClient(prefix + "Counters");
        Opinions = tables.GetTableClient(prefix + "Opinions");
        Changes = tables.GetTableClient(prefix + "Changes");
        Directory = tables.GetTableClient(prefix + "Directory");
        Submissions = tables.GetTableClient(prefix + "Submissions");
        Alarms = tables.GetTableClient(prefix + "Alarms");
        NoticeReads = tables.GetTableClient(prefix + "NoticeReads");
        Limits = tables.GetTableClient(prefix + "Limits");
        Deliveries = tables.GetTableClient(prefix + "Deliveries");
        DevSms = tables.GetTableClient(prefix + "DevSms");
        Anomalies = tables.GetTableClient(prefix + "Anomalies");
        _queues = queues;
        Notices = queues.GetQueueClient(noticeQueue ?? lower + "-notices");
        NoticesPoison = queues.GetQueueClient(Notices.Name + "-poison");
        Drafts = blobs.GetBlobContainerClient(lower + "-drafts");
        Proposals = blobs.GetBlobContainerClient(lower + "-proposals");
        Library = blobs.GetBlobContainerClient(lower + "-library");
        Letters = blobs.GetBlobContainerClient(lower + "-letters");
        Attachments = blobs.GetBlobContainerClient(lower + "-attachments");
        Keys = blobs.GetBlobContainerClient(lower + "-keys");
        Search = blobs.GetBlobContainerClient(lower + "-search");
        Archive = blobs.GetBlobContainerClient(lower + "-archive");
    }

    /// <summary>
    /// Each notice's deliveries by mail and SMS: partition = notice id (<c>{recipient}|{outbox key}</c>), row =
    /// <c>{channel}|{person id}</c> with its state; partition <c>failed</c> lists the failed ones for the clerk office,
    /// partition <c>held</c> the SMS held for the end of quiet hours (row = release ticks|delivery).
    /// </summary>
    public TableClient Deliveries { get; }

    /// <summary>What the development SMS gateway was asked to send: partition = day, row = the message's out-id.</summary>
    public TableClient DevSms { get; }

    /// <summary>处理异常 the watchdog found and could not repair: partition = "open", row = proposal|kind.</summary>
    public TableClient Anomalies { get; }

    /// <summary>The notices to deliver: one message per outbox row, read by the queue-triggered sender.</summary>
    public QueueClient Notices { get; }

    /// <summary>A queue of this account by name, with the account's client options (a host's listener reads it).</summary>
    public QueueClient Queue(string name) => _queues.GetQueueClient(name);

    /// <summary>Where the host moves a notice message whose deliveries failed every attempt.</summary>
    public QueueClient NoticesPoison { get; }

    /// <summary>Rate-limit counters shared by all instances: partition = kind|scope (person, address), row = key; Count, WindowStart.</summary>
    public TableClient Limits { get; }

    /// <summary>
    /// One status row per proposal (partition = proposal id, row key "status"), its audit rows (<c>audit|{sequence:D6}</c>)
    /// and the outcome of each request (<c>request|{request id}</c>) beside it.
    /// </summary>
    public TableClient Status { get; }

    /// <summary>List rows: partition = session, row = proposal id; the clerk's list and the ledger of a session.</summary>
    public TableClient ItemsBySession { get; }

    /// <summary>List rows: partition = department, row = proposal id (Part lead or co); a department's inbox and approvals.</summary>
    public TableClient ItemsByDepartment { get; }

    /// <summary>Membership: partition = person, row = proposal id (Part 领衔, 联名 …, Session); a person's own items.</summary>
    public TableClient ItemsByPerson { get; }

    /// <summary>
    /// List rows by queue: partition "open" (row = proposal id; items not ended) for the deadline board, the clerk's
    /// queues and pending requests; partition "published" (row = newest letter first) for published replies.
    /// </summary>
    public TableClient ItemsByQueue { get; }

    /// <summary>Handling figures: partition "all", a row per session, lead department and shard, and a mark per item.</summary>
    public TableClient Metrics { get; }

    /// <summary>Notifications: partition = recipient, row = proposal id, sequence and index.</summary>
    public TableClient Outbox { get; }

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

    /// <summary>
    /// Closed items, each package written once (<c>{proposalId}/{sequence}/…</c>, its manifest last); in Azure the
    /// container has a time-based immutability policy.
    /// </summary>
    public BlobContainerClient Archive { get; }

    /// <summary>Attachments: <c>{proposalId}/{name}</c>.</summary>
    public BlobContainerClient Attachments { get; }

    /// <summary>The key ring that protects session cookies and form tokens, shared by every instance: <c>{key id}.xml</c>.</summary>
    public BlobContainerClient Keys { get; }

    /// <summary>
    /// The search indexes shared by every instance: <c>manifest.json</c> (the latest commit), <c>{lineage}/{index}/{file}</c>
    /// (Lucene's files, never changed once written) and <c>writer.lock</c> (leased by the one instance that writes).
    /// </summary>
    public BlobContainerClient Search { get; }

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
                    new[] { Status, ItemsBySession, ItemsByDepartment, ItemsByPerson, ItemsByQueue, Metrics, Outbox, Counters, Opinions, Directory, Submissions, Changes, Alarms, NoticeReads, Limits, Deliveries, DevSms, Anomalies }
                        .Select(t => (Task)t.CreateIfNotExistsAsync(cancellationToken))
                        .Append(Notices.CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                        .Append(NoticesPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                        .Concat(new[] { Drafts, Letters, Attachments, Proposals, Library, Keys, Search, Archive }.Select(c => (Task)c.CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
            }

            return _creation;
        }
    }
}
