// Runs the proposal workflows on a task hub until killed: args are the connection string, the hub and the table prefix.
// The worker name is fixed, so a restarted process takes its partitions back at once instead of waiting out the lease.
using Replies.Local.Engine;
using Replies.Testing;
using Replies.Workflows;
using Replies.Workflows.Storage;

var (connectionString, hub, prefix) = (args[0], args[1], args[2]);
var storage = new ReplyStorage(connectionString, prefix);
await storage.EnsureCreatedAsync();
await using var host = await DurableTestHost.StartAsync(
    connectionString,
    hub,
    tasks => tasks.AddReplyWorkflows(),
    o => o.WorkerId = "crash-worker",
    services: s => s.AddReplyWorkflowStores(storage));
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
