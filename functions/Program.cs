using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker.Builder;
using Replies.Functions.Startup;

// The Azure Functions app (isolated worker): HTTP functions for the API and the pages, orchestration and activity
// trigger functions, timer functions. The Durable extension of the Functions host runs the engine.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<GateMiddleware>();
builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(WorkflowJson.Options));
builder.Services.AddRepliesApp(builder.Configuration, builder.Environment);
builder.Build().Run();
