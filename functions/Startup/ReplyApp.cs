using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Seeding;
using Replies.Functions.Views;
using Replies.Local.Engine;
using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>
/// Builds the host: the durable worker and client, the workflows' stores, identity, the HTTP functions, OpenAPI and
/// problem details. Tests and benchmarks build the same host with their own arguments.
/// </summary>
public static class ReplyApp
{
    /// <summary>Creates the app; <paramref name="customize"/> runs before services are built (tests add a test server).</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // The application is this assembly even when a test or benchmark starts it, so its pages are found.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory, ApplicationName = typeof(ReplyApp).Assembly.GetName().Name });
        // host.json sits at the repository root and is copied beside the binaries, as in a Functions app.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false, reloadOnChange: false);
        builder.Configuration.AddCommandLine(args);
        customize?.Invoke(builder);
        ConfigureServices(builder);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>Loads the directory (seeding it on first start when configured) and the catalog, then starts serving.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);
    }

    /// <summary>What must be in memory before the first request: the directory and the catalog.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<ReplyStorage>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SeedLoader>().LoadDirectoryAsync(cancellationToken);
        await services.GetRequiredService<DirectoryStore>().LoadAsync(cancellationToken: cancellationToken);
        await services.GetRequiredService<ProposalCatalog>().RefreshAsync(cancellationToken: cancellationToken);
    }

    private static void ConfigureServices(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection("Replies:Api")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection("Replies:Intake"));
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection("Replies:Seeds"));
        var prefix = configuration["Replies:Api:StoragePrefix"] is { Length: > 0 } p ? p : "Replies";
        var account = configuration.StorageAccount();
        services.AddReplyWorkflows(configuration, account, prefix);
        // Replies:Worker:Enabled=false makes an API-only instance (a separate worker tier runs the orchestrations).
        var runWorker = configuration.GetValue("Replies:Worker:Enabled", true);
        services.AddDurableEngine(account, tasks => tasks.AddReplyWorkflows(), options =>
        {
            options.BindHostJson(configuration);
            options.RunWorker = runWorker;
        });
        if (runWorker)
        {
            services.AddHostedService<Workflows.Deadlines.DeadlineSweepService>();
            services.AddHostedService<CompletedHistoryPurge>();
        }
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddRepliesIdentity(configuration, builder.Environment);
        services.AddSingleton<Decisions>();
        services.AddSingleton<DetailBuilder>();
        services.AddSingleton<Reports.ListCache>();
        AddSearch(services, configuration, prefix);
        services.AddSingleton<SeedLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<SeedLoader>());
        services.AddHostedService<CatalogRefresher>();
        services.ConfigureHttpJsonOptions(o =>
        {
            // Enum values travel as their names; a number would let an undefined value through.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            // The framework's own answers (401, 404 of a route, 405, 415...) carry English titles; people read Chinese.
            if (context.ProblemDetails.Title is null || context.ProblemDetails.Title.All(char.IsAscii))
            {
                context.ProblemDetails.Title = Problems.TitleFor(status);
            }

            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        services.AddRazorPages(o => o.RootDirectory = "/Web/Pages");
        // Pages carry Chinese as it is, not as numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Replies API";
            document.Info.Description = "人大代表建议和政协委员提案办理系统的 HTTP 接口。";
            return Task.CompletedTask;
        }));
    }

    // Two indexes in their own folders (the public one holds published replies only), rebuilt from storage at start.
    private static void AddSearch(IServiceCollection services, IConfiguration configuration, string prefix)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection("Replies:Search"));
        var configured = configuration["Replies:Search:IndexPath"];
        var root = configured is { Length: > 0 } ? configured : Path.Combine(Path.GetTempPath(), "replies-index", $"{prefix}-{Guid.NewGuid():N}");
        services.AddSingleton(new Search.IndexFolder(root, deleteOnDispose: configured is not { Length: > 0 }));
        services.AddSingleton(sp => new Workflows.Search.SearchIndexer(
            new Workflows.Search.SearchIndex(Lucene.Net.Store.FSDirectory.Open(sp.GetRequiredService<Search.IndexFolder>().Of("internal"))),
            new Workflows.Search.SearchIndex(Lucene.Net.Store.FSDirectory.Open(sp.GetRequiredService<Search.IndexFolder>().Of("public"))),
            sp.GetRequiredService<ProposalStore>(),
            sp.GetRequiredService<DraftStore>(),
            sp.GetRequiredService<Workflows.Search.PolicyLibrary>()));
        services.AddSingleton<Search.SearchIndexService>();
        services.AddHostedService(sp => sp.GetRequiredService<Search.SearchIndexService>());
    }

    private static void Configure(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor, SuppressDiagnosticsCallback = _ => false });
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/api/openapi/v1.json", "Replies API");
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "Replies API 参考";
        });
        var devSignIn = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.DevSignIn;
        app.MapFunctions(devSignIn);
        app.MapRazorPages();
    }

    // A body the client cut short or could not send is the client's problem, not a server error.
    private static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
