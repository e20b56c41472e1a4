using Microsoft.AspNetCore.Diagnostics;
using Replies.Functions.Health;
using Replies.Functions.Startup;
using Replies.Local.Engine;

namespace Replies.Local.Hosting;

/// <summary>
/// Builds the local host: the app's services as the Functions worker has them, the engine over the same storage and
/// host.json, every HTTP function at its declared route, every timer function on its schedule. Tests and benchmarks
/// build the same host with their own arguments.
/// </summary>
public static class LocalHost
{
    /// <summary>
    /// Creates the host; <paramref name="customize"/> runs before services are built (tests add a test server);
    /// <paramref name="storageClients"/> is applied to the app's storage clients' options and, unless
    /// <paramref name="appClientsOnly"/>, the engine's (tests inject faults, benchmarks count requests).
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? customize = null, Action<Azure.Core.ClientOptions>? storageClients = null, bool appClientsOnly = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(LocalHost).Assembly.GetName().Name });
        // host.json is the Functions app's, copied beside the binaries as in a Functions deployment.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false, reloadOnChange: false);
        // The Function App's settings, beneath everything else as the platform's app settings are.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = LocalSettings.AsConfiguration(Path.Combine(AppContext.BaseDirectory, LocalSettings.FileName)),
        });
        builder.Configuration.AddCommandLine(args);
        customize?.Invoke(builder);
        var configuration = builder.Configuration;
        if (!args.Any(a => a.StartsWith("--Replies:Notices:Queue=", StringComparison.OrdinalIgnoreCase)))
        {
            // Hosts of other prefixes (tests, benchmarks) on one Azurite each get their own notice queue.
            configuration["Replies:Notices:Queue"] = Functions.Startup.AppServices.StoragePrefix(configuration).ToLowerInvariant() + "-notices";
        }

        var services = builder.Services;
        var engineAccount = configuration.StorageAccount();
        var account = engineAccount.With(storageClients);
        services.AddRepliesApp(configuration, builder.Environment, account);
        // Replies:Worker:Enabled=false makes an API-only instance (a separate worker tier runs the orchestrations).
        var runWorker = configuration.GetValue("Replies:Worker:Enabled", true);
        services.AddDurableEngine(appClientsOnly ? engineAccount : account, tasks => tasks.AddReplyWorkflows(), options =>
        {
            options.BindHostJson(configuration);
            options.RunWorker = runWorker;
        });
        services.AddSingleton<IWorkerStatus, EngineWorkerStatus>();
        services.AddSingleton<FunctionInvoker>();
        services.AddHostedService<TimerFunctions>();
        services.AddHostedService<QueueFunctions>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var app = builder.Build();
        // The host's own answers (an unknown address, a method not allowed) carry the same headers as the functions'.
        app.Use((http, next) =>
        {
            Functions.Safety.SecurityHeaders.Apply(http);
            return next(http);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, SuppressDiagnosticsCallback = _ => false });
        app.UseStatusCodePages();
        app.MapFunctions(configuration["extensions:http:routePrefix"] ?? "api");
        return app;
    }

    /// <summary>Starts the host once what must be in memory (the directory) is loaded.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<AppStartup>().Ready.WaitAsync(cancellationToken);
    }

    // A body the client cut short or could not send is the client's problem, not a server error.
    private static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
