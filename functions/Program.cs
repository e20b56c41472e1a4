using Replies.Durable.DependencyInjection;
using Replies.Functions;
using Replies.Workflows;

var builder = WebApplication.CreateBuilder(args);
// host.json sits at the repository root and is copied beside the binaries, as in a Functions app.
builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false, reloadOnChange: false);

builder.Services.AddReplyWorkflows(builder.Configuration, builder.Configuration.StorageConnectionString());
builder.Services.AddDurableTask(durable => durable
    .UseConnectionString(builder.Configuration.StorageConnectionString())
    .AddTasks(tasks => tasks.AddReplyWorkflows())
    .Configure(options => HostJsonBinder.Bind(builder.Configuration, options)));

var app = builder.Build();
app.MapHealth();
app.Run();
