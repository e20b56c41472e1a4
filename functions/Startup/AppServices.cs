using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Replies.Functions.Seeding;
using Replies.Functions.Views;
using Replies.Functions.Web;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.Startup;

/// <summary>
/// The services of the app's functions, the same in the Functions worker and in the local host: options, the
/// workflows' stores, identity, commands, views, search, pages. The engine is not here: in Azure the Durable extension
/// of the Functions host runs it, locally the local host does.
/// </summary>
public static class AppServices
{
    /// <summary>Adds the app's services; <paramref name="account"/> replaces the configured storage (a host adding client options).</summary>
    public static IServiceCollection AddRepliesApp(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, Workflows.Storage.StorageAccount? account = null)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection("Replies:Api")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection("Replies:Intake"));
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection("Replies:Seeds"));
        var prefix = StoragePrefix(configuration);
        if (configuration.GetValue<bool>("Replies:Auth:DevSignIn"))
        {
            // Unless a host brought its own clock (tests step a fake one).
            services.TryAddSingleton<TimeProvider>(new Dev.DevClock());
        }

        services.AddReplyWorkflows(configuration, account ?? configuration.StorageAccount(), prefix);
        services.AddRepliesIdentity(configuration, environment);
        services.AddDataProtection().SetApplicationName("Replies");
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<ReplyStorage>((o, storage) => o.XmlRepository = new Identity.BlobKeyRing(storage));
        services.AddSingleton<Health.IWorkerStatus, Health.FunctionsHostWorkerStatus>();
        services.AddOptions<Safety.LimitOptions>().Bind(configuration.GetSection("Replies:Limits")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Safety.RequestLimits>();
        services.AddSingleton<Safety.FunctionCall>();
        services.AddSingleton<Decisions.DecisionPipeline>();
        services.AddSingleton<Decisions.DecisionLookups>();
        services.AddSingleton<DetailBuilder>();
        services.AddSingleton<Attachments.AttachmentIntake>();
        services.AddSingleton<Proposals.WordUploads>();
        services.AddSingleton<Handling.DraftCoverageReader>();
        services.AddSingleton<PublishedReplies>();
        services.AddSingleton<Docs.OpenApiDocument>();
        services.AddSingleton<Dev.DevPerson>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<AppStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<AppStartup>());
        services.AddOptions<DirectoryRefreshOptions>().Bind(configuration.GetSection("Replies:Directory"));
        services.AddHostedService<DirectoryRefresh>();
        AddCommands(services);
        AddNotices(services, configuration);
        AddSearch(services, configuration, prefix);
        AddPages(services, environment);
        services.ConfigureHttpJsonOptions(o =>
        {
            // Enum values travel as their names; a number would let an undefined value through.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            // {"title":"a","title":"b"} is ambiguous: which did the sender mean? Refused, not last-wins.
            o.SerializerOptions.AllowDuplicateProperties = false;
            // The web defaults read "1" as 1; a client sending a string where a number belongs has a bug to hear about.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            // The framework's own answers (404 of a route, 405, 415...) carry English titles; people read Chinese.
            if (context.ProblemDetails.Title is null || context.ProblemDetails.Title.All(char.IsAscii))
            {
                context.ProblemDetails.Title = Problems.TitleFor(status);
            }

            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
        });
        return services;
    }

    /// <summary>Storage table and container name prefix (<c>Replies:Api:StoragePrefix</c>).</summary>
    public static string StoragePrefix(IConfiguration configuration) =>
        configuration["Replies:Api:StoragePrefix"] is { Length: > 0 } p ? p : "Replies";

    // Mail, SMS and the sender that takes notices from the queue to them.
    private static void AddNotices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Notices.NoticeOptions>().Bind(configuration.GetSection("Replies:Notices"));
        services.AddOptions<Notices.MailOptions>().Bind(configuration.GetSection("Replies:Mail"));
        services.AddOptions<Notices.SmsOptions>().Bind(configuration.GetSection("Replies:Sms")).Validate(
            o => o.Gateway is "none" or "dev" || Enum.GetNames<Workflows.Lifecycle.NotificationKind>().All(k => o.Templates.TryGetValue(k, out var t) && t.Code.Length > 0),
            "Replies:Sms:Templates needs an approved template code for every notice kind (Task, Reminder, Escalation, Info, Reply, Approval).").ValidateOnStart();
        services.AddSingleton<Workflows.Notices.DeliveryStore>();
        services.AddTransient<Notices.NoticeSender>();
        services.AddTransient<Notices.FailedNotices>();
        services.AddTransient<Notices.INoticeChannel, Notices.MailChannel>();
        services.AddTransient<Notices.INoticeChannel, Notices.SmsChannel>();
        static void Timeout(IServiceProvider sp, HttpClient client) => client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Notices.SmsOptions>>().Value.TimeoutSeconds);
        services.AddHttpClient<Notices.AliyunSmsGateway>(Timeout);
        services.AddHttpClient<Notices.TencentSmsGateway>(Timeout);
        services.AddTransient<Notices.ISmsGateway>(sp => sp.GetRequiredService<Notices.AliyunSmsGateway>());
        services.AddTransient<Notices.ISmsGateway>(sp => sp.GetRequiredService<Notices.TencentSmsGateway>());
        services.AddSingleton<Notices.DevSmsGateway>();
        services.AddTransient<Notices.ISmsGateway>(sp => sp.GetRequiredService<Notices.DevSmsGateway>());
    }

    // Every decision's function, which is its command too (the item page gives it alike); and the submission's.
    private static void AddCommands(IServiceCollection services)
    {
        foreach (var type in typeof(AppServices).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.IsAssignableTo(typeof(Decisions.IItemCommand))))
        {
            services.AddSingleton(type);
            services.AddSingleton(sp => (Decisions.IItemCommand)sp.GetRequiredService(type));
        }

        services.AddSingleton<Proposals.SubmitProposalCommand>();
    }

    private static void AddPages(IServiceCollection services, IHostEnvironment environment)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "replies.antiforgery";
            o.Cookie.SecurePolicy = Identity.AuthenticationSetup.CookieSecurity(environment);
        });
        // Pages carry Chinese as it is, not as numeric character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<FormReader>();
        services.AddSingleton<ItemActions>();
        services.AddSingleton<ItemPageModel>();
        services.AddSingleton<SubmitFormPage>();
        services.AddSingleton<DirectoryFormPage>();
    }

    // The shared indexes (the public one holds published replies only): written by one instance, copied by each.
    private static void AddSearch(IServiceCollection services, IConfiguration configuration, string prefix)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection("Replies:Search"));
        var configured = configuration["Replies:Search:IndexPath"];
        var root = configured is { Length: > 0 } ? configured : Path.Combine(Path.GetTempPath(), "replies-index", $"{prefix}-{Guid.NewGuid():N}");
        services.AddSingleton(new Search.IndexFolder(root, deleteOnDispose: configured is not { Length: > 0 }));
        services.AddSingleton<Workflows.Search.IndexStore>();
        services.AddSingleton<Workflows.Search.SharedIndexReader>();
        services.AddSingleton<Workflows.Search.SharedIndexWriter>();
        services.AddSingleton<Search.SearchIndexService>();
        services.AddHostedService(sp => sp.GetRequiredService<Search.SearchIndexService>());
    }
}
