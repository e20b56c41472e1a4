using Replies.Functions.Startup;

var app = ReplyApp.Create(args);
await ReplyApp.StartAsync(app);
await app.WaitForShutdownAsync();
