using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Replies.Host.Tests;

/// <summary>People of seeds/sample.json acting through HTTP on a host, with development bearer tokens.</summary>
public sealed class HostApi(FunctionsHostProcess host) : IDisposable
{
    public const string Deputy = "ye-yuanpeng";
    public const string Deputy2 = "li-hongmei";
    public const string Handler = "xu-xiaojun";
    public const string Leader = "zhang-weidong";
    public const string CoHandler = "liu-yang";
    public const string Clerk = "zhou-min";
    public const string Lead = "市科学技术局";
    public const string CoDepartment = "市发展和改革委员会";

    private readonly Dictionary<string, HttpClient> _clients = [];

    public HttpClient Anonymous { get; } = host.Client();

    public async Task<HttpClient> AsAsync(string personId)
    {
        if (_clients.TryGetValue(personId, out var existing))
        {
            return existing;
        }

        var response = await Anonymous.PostAsJsonAsync("/api/dev/token", new { personId });
        Assert.True(response.IsSuccessStatusCode, $"token for {personId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients[personId] = client;
        return client;
    }

    public async Task<HttpResponseMessage> PostAsync(string personId, string path, object? body = null) =>
        await (await AsAsync(personId)).PostAsync(path, body is null ? null : JsonContent.Create(body));

    /// <summary>Posts and requires success; the answer's JSON.</summary>
    public async Task<JsonElement> OkAsync(string personId, string path, object? body = null)
    {
        var response = await PostAsync(personId, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} as {personId}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string personId, string path)
    {
        var response = await (await AsAsync(personId)).GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} as {personId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Submits as the person; the new item's id once its lifecycle has stored its first stage.</summary>
    public async Task<string> SubmitAsync(string personId, string title, string[]? coSigners = null)
    {
        var response = await PostAsync(personId, "/api/proposals", new { title, body = "建议加强科技创新平台建设，推动产业链与创新链深度融合，完善科技金融支持。", category = "科技创新", coSigners = coSigners ?? [] });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await StageAsync(personId, id, stage => stage is not (null or "Registering"));
        return id;
    }

    /// <summary>Waits until the item's stage, as the person reads it, meets the condition; the stage.</summary>
    public async Task<string> StageAsync(string personId, string id, Func<string?, bool> condition, int seconds = 60)
    {
        var client = await AsAsync(personId);
        var (_, stage) = await Eventually.GetAsync(
            async () =>
            {
                var response = await client.GetAsync($"/api/proposals/{id}");
                if (!response.IsSuccessStatusCode)
                {
                    return (false, (string?)null);
                }

                // Until the lifecycle has stored its first stage the proposer reads the stage Registering (登记中).
                var json = await response.Content.ReadFromJsonAsync<JsonElement>();
                return (true, json.TryGetProperty("summary", out var summary) ? summary.GetProperty("stage").GetString() : null);
            },
            read => read.Item1 && condition(read.Item2),
            TimeSpan.FromSeconds(seconds),
            read => $"{id} never reached the expected stage; last: {read.Item2}");
        return stage!;
    }

    public static string Today() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var c in _clients.Values)
        {
            c.Dispose();
        }

        Anonymous.Dispose();
    }
}
