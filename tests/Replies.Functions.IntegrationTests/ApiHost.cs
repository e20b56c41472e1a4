using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Replies.Local.Engine;
using Replies.Local.Hosting;
using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// The real host (every service, the durable worker, identity) on the ASP.NET Core test server and a private Azurite
/// prefix and task hub. People act through HTTP with development tokens, as API clients do.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    // People of seeds/sample.json.
    public const string Deputy = "ye-yuanpeng";
    public const string Deputy2 = "li-hongmei";
    public const string Member = "wang-mingxin";
    public const string Handler = "xu-xiaojun";
    public const string Leader = "zhang-weidong";
    public const string CoHandler = "liu-yang";
    public const string OtherHandler = "sun-li";
    public const string OtherLeader = "zhou-tao";
    public const string Clerk = "zhou-min";
    public const string Admin = "admin";
    public const string Lead = "市科学技术局";
    public const string CoDepartment = "市发展和改革委员会";

    private readonly WebApplication _app;
    // Many people act at once in the long runs: a plain dictionary written by two of them at once was corrupted (a null
    // client at disposal, in a fresh-clone CI run).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private ApiHost(WebApplication app, string prefix)
    {
        _app = app;
        Prefix = prefix;
        Anonymous = app.GetTestClient();
    }

    public string Prefix { get; }

    public IServiceProvider Services => _app.Services;

    public HttpClient Anonymous { get; }

    public ReplyStorage Storage => Services.GetRequiredService<ReplyStorage>();

    public ProposalStore Store => Services.GetRequiredService<ProposalStore>();

    public static Task<ApiHost> StartAsync(string connectionString, bool loadSeeds = false, params string[] extraArgs) =>
        StartAsync(connectionString, loadSeeds, null, false, extraArgs);

    /// <summary>A host whose storage clients (the app's; the engine's too unless <paramref name="appClientsOnly"/>) get <paramref name="storageClients"/>.</summary>
    public static Task<ApiHost> StartAsync(string connectionString, bool loadSeeds, Action<Azure.Core.ClientOptions>? storageClients, bool appClientsOnly, params string[] extraArgs) =>
        StartAsync(connectionString, loadSeeds, storageClients, appClientsOnly, null, extraArgs);

    /// <summary>A host whose services <paramref name="customize"/> changes before they are built (a boundary replaced).</summary>
    public static async Task<ApiHost> StartAsync(string connectionString, bool loadSeeds, Action<Azure.Core.ClientOptions>? storageClients, bool appClientsOnly, Action<WebApplicationBuilder>? customize, params string[] extraArgs)
    {
        var prefix = AzuriteFixture.NewHubName("api");
        // WebDefenceTests sets the limits it checks (a later argument wins).
        var args = LocalHostArgs.For(
            connectionString,
            prefix,
            listen: false,
            [$"--Replies:Seeds:Load={loadSeeds}", "--Replies:Api:DecisionWaitSeconds=30", "--Replies:Schedules:DeadlineSweep=00:00:00.200", .. extraArgs]);
        var app = LocalHost.Create(args, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Services.PostConfigure<EngineOptions>(DurableTestHost.FastOptions);
            customize?.Invoke(builder);
        }, storageClients, appClientsOnly);
        await LocalHost.StartAsync(app);
        if (!loadSeeds)
        {
            // The sample directory without the sample items, so each test starts from an empty register.
            var sample = Path.Combine(AppContext.BaseDirectory, "seeds", "sample.json");
            var data = JsonSerializer.Deserialize<Seeding.SampleData>(await File.ReadAllTextAsync(sample), Json)!;
            await app.Services.GetRequiredService<DirectoryStore>().ImportAsync(data.Directory);
        }

        return new ApiHost(app, prefix);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => new(new CookieJar(_app.GetTestServer().CreateHandler())) { BaseAddress = new Uri("http://localhost") };

    /// <summary>A browser-like client signed in through the development sign-in page.</summary>
    public async Task<HttpClient> SignedInBrowserAsync(string personId)
    {
        var browser = Browser();
        await SignInAsync(browser, personId);
        return browser;
    }

    /// <summary>Signs a browser-like client in through the development sign-in page.</summary>
    public static async Task SignInAsync(HttpClient browser, string personId)
    {
        var login = await browser.GetStringAsync("/login");
        var response = await browser.PostAsync("/login", SignedForms.Of(login, ("personId", personId)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A client signed in as the person, with a development bearer token.</summary>
    public async Task<HttpClient> AsAsync(string personId)
    {
        if (_clients.TryGetValue(personId, out var existing))
        {
            return existing;
        }

        var response = await Anonymous.PostAsJsonAsync("/api/dev/token", new { personId });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (_clients.TryAdd(personId, client))
        {
            return client;
        }

        // Another request signed the same person in first: theirs is the one kept.
        client.Dispose();
        return _clients[personId];
    }

    /// <summary>Submits a proposal as the person and waits until its first transition is stored.</summary>
    public async Task<string> SubmitAsync(string personId, string title = "关于加强科技创新促进产业发展的建议", string[]? coSigners = null, string? key = null)
    {
        var client = await AsAsync(personId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/proposals")
        {
            Content = JsonContent.Create(new { title, body = "建议加强科技创新平台建设，推动产业链与创新链深度融合，完善科技金融支持。", category = "科技创新", coSigners = coSigners ?? [] }),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForAsync(id, s => s.Sequence >= 1);
        return id;
    }

    /// <summary>Posts a JSON body as the person.</summary>
    public async Task<HttpResponseMessage> PostAsync(string personId, string path, object? body = null, string? key = null, string? rawJson = null)
    {
        var client = await AsAsync(personId);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = rawJson is not null ? new StringContent(rawJson, System.Text.Encoding.UTF8, "application/json") : body is null ? null : JsonContent.Create(body, options: Json),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts and requires 200.</summary>
    public async Task<JsonElement> OkAsync(string personId, string path, object? body = null)
    {
        var response = await PostAsync(personId, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} as {personId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Puts a JSON body as the person and requires success.</summary>
    public async Task<JsonElement> OkPutAsync(string personId, string path, object body)
    {
        var client = await AsAsync(personId);
        var response = await client.PutAsync(path, JsonContent.Create(body, options: Json));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} as {personId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string personId, string path)
    {
        var client = await AsAsync(personId);
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} as {personId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<Workflows.Lifecycle.ProposalSnapshot> WaitForAsync(string id, Func<Workflows.Lifecycle.ProposalSnapshot, bool> condition, int seconds = 60)
    {
        var s = await Eventually.GetAsync(() => Store.GetAsync(id), s => s is not null && condition(s), TimeSpan.FromSeconds(seconds), s => $"{id} never reached the expected state; last: {s?.Stage} #{s?.Sequence}", TimeSpan.FromMilliseconds(25));
        return s!;
    }

    /// <summary>Submits, files, assigns with a co-handler and signs for (lead and co-handler).</summary>
    public async Task<string> DriveToDraftingAsync(string? title = null)
    {
        var id = await SubmitAsync(Deputy, title ?? "关于加强科技创新促进产业发展的建议");
        await OkAsync(Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        await OkAsync(Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = Lead, coHandlers = new[] { CoDepartment } });
        await OkAsync(Handler, $"/api/proposals/{id}/sign-for");
        await OkAsync(CoHandler, $"/api/proposals/{id}/sign-for");
        return id;
    }

    /// <summary>From drafting: contact, a draft, submission, approval: the reply is issued.</summary>
    public async Task DriveToReplyAsync(string id)
    {
        await OkAsync(Handler, $"/api/proposals/{id}/contacts", new { date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), form = "座谈", summary = "当面听取意见建议" });
        var saved = await OkAsync(Handler, $"/api/proposals/{id}/drafts", new { text = "您提出的《关于加强科技创新促进产业发展的建议》收悉。现答复如下：\n一、工作开展情况\n二、下一步打算" });
        await OkAsync(Handler, $"/api/proposals/{id}/submission", new { draftVersion = saved.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        await OkAsync(Leader, $"/api/proposals/{id}/approval", new { approved = true });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values)
        {
            c.Dispose();
        }

        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Carries cookies between requests the way a browser does (the test server's handler keeps none).</summary>
internal sealed class CookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly CookieContainer _cookies = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(new Uri("http://localhost"), request.RequestUri);
        if (_cookies.GetCookieHeader(uri) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                _cookies.SetCookies(uri, value);
            }
        }

        return response;
    }
}
