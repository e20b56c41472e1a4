using Replies.Local.Hosting;

// Runs the Functions app and the engine in one process, without the Functions host (see README); `restore` rebuilds
// closed items from the archive instead.
if (args is ["restore", ..])
{
    return await RestoreCommand.RunAsync(args[1..]);
}

var app = LocalHost.Create(args);
await LocalHost.StartAsync(app);
await app.WaitForShutdownAsync();
return 0;
