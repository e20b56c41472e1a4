// Runs the proposal workflows on a task hub until killed: args are the connection string, the hub, the table prefix and
// the worker's name. A restarted process keeps its name, so it takes its partitions back at once instead of waiting out
// the lease; two processes with different names share the partitions.
using Replies.Local.Engine;
using Replies.Testing;
using Replies.Workflows;
using Replies.Workflows.Storage;

var (connectionString, hub, prefix, workerId) = (args[0], args[1], args[2], args.Length > 3 ? args[3] : "crash-worker");
var storage = new ReplyStorage(connectionString, prefix);
await storage.EnsureCreatedAsync();
await using var host = await DurableTestHost.StartAsync(
    connectionString,
    hub,
    tasks => tasks.AddReplyWorkflows(),
    o => o.WorkerId = workerId,
    services: s => s.AddReplyWorkflowStores(storage));
Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
