using System.Text;
using System.Text.Json.Nodes;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Random JSON of every shape (wrong types, nulls, huge numbers, deep nesting, odd strings) sent to every endpoint
/// that takes a body, as every role: whatever arrives, the answer is never a 500.
/// </summary>
public sealed class FuzzTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Fields =
    [
        "title", "body", "category", "session", "coSigners", "confirmed", "decision", "mergeInto", "reason", "leadDepartment",
        "coHandlers", "isKey", "supervisingLeader", "department", "approved", "newLeadDepartment", "newCoHandlers", "comment",
        "date", "form", "summary", "text", "draftVersion", "resultClass", "disclosure", "handlerName", "handlerPhone", "opinion",
        "until", "comments", "rating", "toSimplified", "personId", "name", "role", "kind", "shortName",
    ];

    [Fact]
    public async Task No_body_a_client_can_send_produces_a_server_error()
    {
        await using var host = await ApiHost.StartAsync(azurite.ConnectionString);
        var id = await host.DriveToDraftingAsync();
        string[] paths =
        [
            "/api/proposals", $"/api/proposals/{id}/cosign", $"/api/proposals/{id}/filing", $"/api/proposals/{id}/assignment",
            $"/api/proposals/{id}/key", $"/api/proposals/{id}/reassignment-decisions", $"/api/proposals/{id}/reassignment-requests",
            $"/api/proposals/{id}/contacts", $"/api/proposals/{id}/drafts", $"/api/proposals/{id}/submission", $"/api/proposals/{id}/opinions",
            $"/api/proposals/{id}/extension-requests", $"/api/proposals/{id}/approval", $"/api/proposals/{id}/clerk-review",
            $"/api/proposals/{id}/feedback", $"/api/proposals/{id}/extension-decisions", "/api/similar", "/api/library", "/api/dev/token",
        ];
        string[] people = [ApiHost.Deputy, ApiHost.Handler, ApiHost.Leader, ApiHost.CoHandler, ApiHost.Clerk, ApiHost.Admin];
        var random = new Random(7);
        var failures = new List<string>();
        for (var round = 0; round < 12; round++)
        {
            foreach (var path in paths)
            {
                var person = people[random.Next(people.Length)];
                var body = RandomBody(random);
                var response = await host.PostAsync(person, path, null, null, body);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"POST {path} as {person}: {(int)response.StatusCode} for {body}");
                }
            }

            foreach (var (person, path) in new[] { (ApiHost.Admin, "/api/directory/people/fuzz-" + round), (ApiHost.Admin, "/api/directory/departments/" + Uri.EscapeDataString("市测试局" + round)) })
            {
                var client = await host.AsAsync(person);
                var body = RandomBody(random);
                var response = await client.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"PUT {path}: {(int)response.StatusCode} for {body}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string RandomBody(Random random)
    {
        if (random.Next(8) == 0)
        {
            string[] broken = ["{", "[1,2", "\"x\"", "123", "true", "{\"a\":}", "{\"title\":\"\\ud800\"}", "\u0000", "{\"a\":1}{\"b\":2}"];
            return broken[random.Next(broken.Length)];
        }

        var o = new JsonObject();
        foreach (var field in Fields.Where(_ => random.Next(3) == 0))
        {
            o[field] = RandomValue(random, 0);
        }

        return o.ToJsonString();
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 2 ? 9 : 11) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 100_000)),
        3 => JsonValue.Create(random.Next(2) == 0 ? 1e308 : 1.5e-300),
        4 => JsonValue.Create(new string('长', random.Next(0, 3000))),
        5 => JsonValue.Create("2026-" + random.Next(0, 20) + "-" + random.Next(0, 40)),
        6 => JsonValue.Create(new[] { "File", "Merge", "Decline", "A", "D", "Full", "Satisfied", "NoAnswer", "Proposer", "市科学技术局", "'; DROP", "../../etc", "a/b#c?d" }[random.Next(13)]),
        7 => JsonValue.Create(-1),
        8 => JsonValue.Create(""),
        9 => new JsonArray(RandomValue(random, depth + 1), RandomValue(random, depth + 1)),
        _ => new JsonObject { ["x"] = RandomValue(random, depth + 1) },
    };
}
