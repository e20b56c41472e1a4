using Replies.Local.Hosting;

// Runs the Functions app and the engine in one process, without the Functions host (see README).
var app = LocalHost.Create(args);
await LocalHost.StartAsync(app);
await app.WaitForShutdownAsync();
