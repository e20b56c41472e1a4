using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Replies.Functions.Startup;
using Replies.Local.Hosting;

namespace Replies.Deployment.Tests;

/// <summary>
/// The published app's functions.metadata (what the Functions host will serve) against what the local host serves:
/// every HTTP function with the same trigger, route, methods and authorization level, and nothing on either side that
/// the other lacks; and the published output carries what the host needs to load the Durable extension.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly JsonElement[] Metadata = [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(Artifacts.PublishedApp, "functions.metadata"))).RootElement.EnumerateArray()];

    [Fact]
    public void The_published_output_holds_the_metadata_the_extensions_and_host_json()
    {
        var app = Artifacts.PublishedApp;
        Assert.True(File.Exists(Path.Combine(app, "extensions.json")));
        Assert.True(File.Exists(Path.Combine(app, "host.json")));
        Assert.True(File.Exists(Path.Combine(app, "worker.config.json")));
        var extensions = Directory.GetFiles(Path.Combine(app, ".azurefunctions"), "*.dll").Select(Path.GetFileName).ToList();
        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", extensions);
        Assert.Contains("DurableTask.AzureStorage.dll", extensions);
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "host.json")));
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void Every_http_function_has_the_same_trigger_route_methods_and_level_in_the_metadata_and_on_the_local_host()
    {
        var published = Metadata
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings").EnumerateArray().FirstOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger")))
            .Where(f => f.Trigger.ValueKind == JsonValueKind.Object)
            .ToDictionary(
                f => f.Name,
                f => (Route: "/" + f.Trigger.GetProperty("route").GetString()!.Trim('/'), Methods: Methods(f.Trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!)), Level: f.Trigger.GetProperty("authLevel").GetString()));
        Assert.True(published.Count > 50, $"only {published.Count} HTTP functions in functions.metadata");
        Assert.All(published, f => Assert.Equal("Anonymous", f.Value.Level));

        var served = LocalEndpoints();
        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, (route, methods, _)) in published)
        {
            Assert.Equal((route, methods), served[name]);
        }
    }

    [Fact]
    public void The_published_worker_holds_one_release_of_the_Durable_Task_packages_and_no_WebApi_client()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(Artifacts.PublishedApp, "Replies.Functions.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')).ToList();
        var durable = libraries.Where(l => l[0].StartsWith("Microsoft.DurableTask.", StringComparison.Ordinal)).ToList();
        Assert.True(durable.Count >= 5, string.Join(", ", durable.Select(l => l[0])));
        var pinned = System.Xml.Linq.XDocument.Load(Path.Combine(Artifacts.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "Microsoft.DurableTask.Abstractions").Attribute("Version")!.Value;
        Assert.All(durable, l => Assert.Equal(pinned, l[1]));
        Assert.DoesNotContain(libraries, l => l[0] is "Microsoft.AspNet.WebApi.Client" or "Microsoft.AspNetCore.Mvc.WebApiCompatShim");
        Assert.Empty(Directory.GetFiles(Artifacts.PublishedApp, "System.Net.Http.Formatting.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void Every_route_parses_as_the_worker_and_the_host_build_it()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Artifacts.PublishedApp, "host.json")));
        var prefix = host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString()!;
        foreach (var function in Metadata)
        {
            foreach (var trigger in function.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                var route = trigger.GetProperty("route").GetString()!;
                // The worker's ASP.NET Core integration maps routePrefix + "/" + route (a route "/" became "//", which
                // ASP.NET Core refuses, and no request reached any function); the host maps the route after the prefix.
                var worker = Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(prefix + "/" + route);
                Assert.NotNull(worker);
                Assert.NotNull(Microsoft.AspNetCore.Routing.Template.TemplateParser.Parse(string.IsNullOrEmpty(prefix) ? route : prefix + "/" + route));
            }
        }
    }

    [Fact]
    public void The_metadata_lists_the_orchestration_activity_and_timer_functions_with_their_triggers()
    {
        var triggers = Metadata.ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));
        foreach (var orchestrator in Workflows.WorkflowRegistration.Orchestrators)
        {
            Assert.Equal("orchestrationTrigger", triggers[orchestrator.Name].GetProperty("type").GetString());
        }

        foreach (var activity in Workflows.WorkflowRegistration.Activities)
        {
            Assert.Equal("activityTrigger", triggers[activity.Name].GetProperty("type").GetString());
        }

        foreach (var timer in new[] { "SweepDeadlines", "PurgeCompletedHistory", "LoadSampleData", "RunWatchdog" })
        {
            Assert.Equal("timerTrigger", triggers[timer].GetProperty("type").GetString());
            Assert.StartsWith("%Replies:Schedules:", triggers[timer].GetProperty("schedule").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_function_class_can_be_created_from_the_app_services()
    {
        using var app = LocalHostWithoutStorage();
        foreach (var type in FunctionRoutes.All.Select(f => f.Method.DeclaringType!).Where(t => !t.IsAbstract).Distinct())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(app.Services, type));
        }
    }

    private static Dictionary<string, (string Route, string Methods)> LocalEndpoints()
    {
        using var app = LocalHostWithoutStorage();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null)
            .ToDictionary(
                e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName,
                e => ("/" + e.RoutePattern.RawText!.Trim('/'), Methods(e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)));
    }

    // The host is built, not started: nothing reaches storage.
    private static WebApplication LocalHostWithoutStorage() =>
        LocalHost.Create(["--environment=Development", "--AzureWebJobsStorage=UseDevelopmentStorage=true"]);

    private static string Methods(IEnumerable<string> methods) => string.Join(',', methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));
}
