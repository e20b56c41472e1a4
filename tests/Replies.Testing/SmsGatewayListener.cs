using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Replies.Testing;

/// <summary>
/// A real HTTP listener standing in for Alibaba Cloud SMS (API 2017-05-25) and Tencent Cloud SMS (API 2021-01-11): it
/// checks each request's parameters and signature as the providers document them — computed here on its own, not with
/// the app's code — and answers as they do. It can be told to answer 500 or to hang for a number.
/// </summary>
public sealed class SmsGatewayListener : IAsyncDisposable
{
    public const string AccessKeyId = "LTAI-test-key";
    public const string AccessKeySecret = "aliyun-test-secret";
    public const string SecretId = "AKID-test-id";
    public const string SecretKey = "tencent-test-secret";
    public const string SdkAppId = "1400000001";

    // The providers' own property names (Code, Message, Response …), not ASP.NET Core's camel case.
    private static readonly JsonSerializerOptions AsIs = new();

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Sms> _received = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentDictionary<string, string> _faults = new(StringComparer.Ordinal);

    private SmsGatewayListener(WebApplication app, int port)
    {
        _app = app;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>An SMS as a provider accepted it.</summary>
    public sealed record Sms(string Provider, string Mobile, string SignName, string TemplateCode, string Content, string OutId);

    public Uri Endpoint { get; }

    /// <summary>How many SMS were accepted.</summary>
    public int Count => _received.Count;

    /// <summary>Every SMS accepted, in order (a copy sent twice is here twice).</summary>
    public IReadOnlyList<Sms> Received => [.. _received];

    /// <summary>The SMS as phones show them: one per out-id.</summary>
    public IReadOnlyList<Sms> Shown => [.. _received.DistinctBy(s => s.OutId)];

    /// <summary>Requests refused for a wrong parameter or signature, with the reason.</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    /// <summary>Every request about <paramref name="mobile"/> is answered 500 (<c>fail</c>) or never (<c>hang</c>) until <see cref="Heal"/>.</summary>
    public void Break(string mobile, string how = "fail") => _faults[mobile] = how;

    public void Heal(string mobile) => _faults.TryRemove(mobile, out _);

    public static async Task<SmsGatewayListener> StartAsync()
    {
        var port = AzuriteInstance.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new SmsGatewayListener(app, port);
        app.MapPost("/", (Delegate)listener.HandleAsync);
        await app.StartAsync();
        return listener;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        return http.Request.Headers.ContainsKey("X-TC-Action") ? await TencentAsync(http, body) : await AliyunAsync(body, http.RequestAborted);
    }

    private async Task<IResult> AliyunAsync(string body, CancellationToken aborted)
    {
        var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
        string Get(string name) => form.TryGetValue(name, out var v) ? v : "";
        var problems = new List<string>();
        foreach (var (name, expected) in new[] { ("Action", "SendSms"), ("Version", "2017-05-25"), ("Format", "JSON"), ("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"), ("AccessKeyId", AccessKeyId) })
        {
            if (Get(name) != expected)
            {
                problems.Add($"{name}={Get(name)}");
            }
        }

        foreach (var name in new[] { "PhoneNumbers", "SignName", "TemplateCode", "TemplateParam", "SignatureNonce", "RegionId" })
        {
            if (Get(name).Length == 0)
            {
                problems.Add($"{name} missing");
            }
        }

        if (!DateTime.TryParseExact(Get("Timestamp"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) || Math.Abs((DateTime.UtcNow - at).TotalMinutes) > 15)
        {
            problems.Add($"Timestamp {Get("Timestamp")}");
        }

        // The documented signature: sorted parameters (Signature left out), each percent-encoded per RFC 3986,
        // "POST&%2F&" + the encoded query, HMAC-SHA1 with the secret and '&', Base64.
        var canonical = string.Join('&', form.Where(p => p.Key != "Signature").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Rfc3986(p.Key)}={Rfc3986(p.Value)}"));
#pragma warning disable CA5350 // The provider's signature is HMAC-SHA1.
        var expectedSignature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AccessKeySecret + "&"), Encoding.UTF8.GetBytes("POST&%2F&" + Rfc3986(canonical))));
#pragma warning restore CA5350
        if (Get("Signature") != expectedSignature)
        {
            problems.Add("SignatureDoesNotMatch");
        }

        if (problems.Count > 0)
        {
            _refused.Enqueue("aliyun: " + string.Join(", ", problems));
            return Results.Json(options: AsIs, data: new { Code = "SignatureDoesNotMatch", Message = string.Join(", ", problems), RequestId = Guid.NewGuid().ToString() }, statusCode: 400);
        }

        if (await FaultAsync(Get("PhoneNumbers"), aborted) is { } fault)
        {
            return fault;
        }

        var content = JsonDocument.Parse(Get("TemplateParam")).RootElement.GetProperty("content").GetString()!;
        _received.Enqueue(new Sms("aliyun", Get("PhoneNumbers"), Get("SignName"), Get("TemplateCode"), content, Get("OutId")));
        return Results.Json(options: AsIs, data: new { Message = "OK", RequestId = Guid.NewGuid().ToString(), Code = "OK", BizId = Guid.NewGuid().ToString("N")[..20] });
    }

    private async Task<IResult> TencentAsync(HttpContext http, string body)
    {
        var h = http.Request.Headers;
        var problems = new List<string>();
        foreach (var (name, expected) in new[] { ("X-TC-Action", "SendSms"), ("X-TC-Version", "2021-01-11") })
        {
            if (h[name].ToString() != expected)
            {
                problems.Add($"{name}={h[name]}");
            }
        }

        if (h["X-TC-Region"].ToString().Length == 0)
        {
            problems.Add("X-TC-Region missing");
        }

        var timestamp = long.TryParse(h["X-TC-Timestamp"], out var t) ? t : 0;
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp) > 300)
        {
            problems.Add($"X-TC-Timestamp {h["X-TC-Timestamp"]}");
        }

        // The documented TC3-HMAC-SHA256: canonical request over the signed headers (names and values lower case,
        // trimmed), hashed into the string to sign with the credential scope date/sms/tc3_request; the key derived
        // from "TC3"+SecretKey through the date, the service and "tc3_request".
        var authorization = h.Authorization.ToString();
        var match = System.Text.RegularExpressions.Regex.Match(authorization, "^TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/sms/tc3_request, SignedHeaders=([a-z;-]+), Signature=([0-9a-f]{64})$");
        if (!match.Success || match.Groups[1].Value != SecretId)
        {
            problems.Add("Authorization malformed");
        }
        else
        {
            var date = match.Groups[2].Value;
            var signed = match.Groups[3].Value;
            var headers = string.Concat(signed.Split(';').Select(name => $"{name}:{h[name].ToString().Trim().ToLowerInvariant()}\n"));
            var canonical = $"POST\n/\n\n{headers}\n{signed}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
            var toSign = $"TC3-HMAC-SHA256\n{timestamp}\n{date}/sms/tc3_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
            var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + SecretKey), Encoding.UTF8.GetBytes(date));
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("sms"));
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("tc3_request"));
            if (Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign))) != match.Groups[4].Value || !signed.Split(';').Contains("host") || date != DateTimeOffset.FromUnixTimeSeconds(timestamp).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            {
                problems.Add("SignatureFailure");
            }
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        var phones = root.TryGetProperty("PhoneNumberSet", out var set) ? set.EnumerateArray().Select(p => p.GetString()!).ToList() : [];
        if (phones.Count != 1 || !phones[0].StartsWith("+86", StringComparison.Ordinal) || Text("SmsSdkAppId") != SdkAppId || Text("SignName").Length == 0 || Text("TemplateId").Length == 0 || !root.TryGetProperty("TemplateParamSet", out var parameters))
        {
            problems.Add("parameters");
            parameters = default;
        }

        if (problems.Count > 0)
        {
            _refused.Enqueue("tencent: " + string.Join(", ", problems));
            return Results.Json(options: AsIs, data: new { Response = new { Error = new { Code = "AuthFailure.SignatureFailure", Message = string.Join(", ", problems) }, RequestId = Guid.NewGuid().ToString() } });
        }

        var mobile = phones[0][3..];
        if (await FaultAsync(mobile, http.RequestAborted) is { } fault)
        {
            return fault;
        }

        _received.Enqueue(new Sms("tencent", mobile, Text("SignName"), Text("TemplateId"), parameters[0].GetString()!, Text("SessionContext")));
        return Results.Json(options: AsIs, data: new
        {
            Response = new
            {
                SendStatusSet = new[] { new { SerialNo = Guid.NewGuid().ToString("N"), PhoneNumber = phones[0], Fee = 1, SessionContext = Text("SessionContext"), Code = "Ok", Message = "send success", IsoCode = "CN" } },
                RequestId = Guid.NewGuid().ToString(),
            },
        });
    }

    private async Task<IResult?> FaultAsync(string mobile, CancellationToken aborted)
    {
        if (!_faults.TryGetValue(mobile, out var how))
        {
            return null;
        }

        if (how == "hang")
        {
            await Task.Delay(Timeout.Infinite, aborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return Results.StatusCode(500);
    }

    private static string Rfc3986(string value) => Uri.EscapeDataString(value);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
