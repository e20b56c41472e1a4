// A worker process for crash tests: runs the shared test tasks on a task hub until it is killed, or kills itself
// at the n-th pass of a named checkpoint (args: connection hub workerId [checkpoint:n]).
using System.Diagnostics;
using Replies.Testing;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CrashWorker <connection> <hub> <workerId> [checkpoint:n]");
    return 2;
}

var (connection, hub, workerId) = (args[0], args[1], args[2]);
string? crashAt = null;
var crashAfter = 0;
if (args.Length > 3)
{
    var parts = args[3].Split(':', 2);
    crashAt = parts[0] + ":" + parts[1][..parts[1].LastIndexOf(':')];
    crashAfter = int.Parse(parts[1][(parts[1].LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}

var hits = 0;
await using var host = await DurableTestHost.StartAsync(connection, hub, r => TestTasks.Register(r, connection, hub), o =>
{
    o.WorkerId = workerId;
    if (crashAt is not null)
    {
        o.OnCheckpoint = name =>
        {
            if (name == crashAt && Interlocked.Increment(ref hits) == crashAfter)
            {
                Process.GetCurrentProcess().Kill();
            }
        };
    }
});

Console.WriteLine("ready");
var done = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    done.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => done.TrySetResult();
_ = Task.Run(() =>
{
    // The parent closes stdin to ask for a graceful stop.
    Console.In.ReadToEnd();
    done.TrySetResult();
});
await done.Task;
await host.StopAsync();
return 0;
