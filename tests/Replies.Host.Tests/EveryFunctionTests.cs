using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Replies.Host.Tests;

/// <summary>Every HTTP function of functions.metadata answers at its route and methods under the real host.</summary>
[Collection(OneHost.Name)]
public sealed partial class EveryFunctionTests(OneHostFixture fixture)
{
    [Fact]
    public async Task Every_HTTP_function_is_reached_at_its_route_and_methods()
    {
        using var client = fixture.Host.Client();
        var functions = HttpFunctions().ToList();
        Assert.True(functions.Count > 60, $"only {functions.Count} HTTP functions in functions.metadata");
        var missed = new List<string>();
        foreach (var (name, route, methods) in functions)
        {
            var path = "/" + Parameter().Replace(route, m => m.Value.StartsWith("{*", StringComparison.Ordinal) ? "x/y" : m.Value.Contains(":maxlength(0)", StringComparison.Ordinal) ? "" : "1");
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                if (method is "post" or "put" or "patch")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var before = Called().Count;
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var called = await CalledAfterAsync(before);
                var failed = (int)response.StatusCode >= 500 && !name.StartsWith("DevFault", StringComparison.Ordinal);
                if (called != name || failed)
                {
                    missed.Add($"{name} {method.ToUpperInvariant()} {path}: {(int)response.StatusCode} answered by {called ?? "the host itself"}: {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }

        Assert.True(missed.Count == 0, string.Join('\n', missed));
    }

    [Fact]
    public async Task The_home_page_sends_each_person_to_their_own_work()
    {
        using var anonymous = fixture.Host.Client();
        var home = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/public", home.Headers.Location?.OriginalString);
        using var api = new HostApi(fixture.Host);
        var clerk = await api.AsAsync(HostApi.Clerk);
        Assert.Equal("/board", (await clerk.GetAsync("/")).Headers.Location?.OriginalString);
        var published = await anonymous.GetStringAsync("/public");
        Assert.Contains("<html lang=\"zh-CN\"", published, StringComparison.Ordinal);
    }

    /// <summary>The HTTP functions the host has run so far, in order, read from its log.</summary>
    private IReadOnlyList<string> Called() => fixture.Host.HttpCalls;

    /// <summary>The first HTTP function the host ran after the first <paramref name="before"/> (its log trails the answer a little).</summary>
    private async Task<string?> CalledAfterAsync(int before)
    {
        try
        {
            var called = await Eventually.GetAsync(() => Task.FromResult(Called()), c => c.Count > before, TimeSpan.FromSeconds(5), _ => "the host logged no call", TimeSpan.FromMilliseconds(50));
            return called[before];
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static IEnumerable<(string Name, string Route, string[] Methods)> HttpFunctions()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsHostProcess.AppFolder, "functions.metadata")));
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() == "httpTrigger")
                {
                    yield return (function.GetProperty("name").GetString()!, binding.GetProperty("route").GetString()!, [.. binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!)]);
                }
            }
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
