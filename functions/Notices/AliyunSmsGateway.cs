using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Replies.Functions.Notices;

/// <summary>
/// Alibaba Cloud SMS, <c>SendSms</c> of API 2017-05-25 (dysmsapi), as its RPC-style API documents it: the common
/// parameters and PhoneNumbers, SignName, TemplateCode, TemplateParam (JSON) and OutId in the query, signed with
/// HMAC-SHA1 over the method and the sorted, percent-encoded query (signature version 1.0). Code "OK" is accepted.
/// </summary>
public sealed class AliyunSmsGateway(HttpClient http, IOptions<SmsOptions> options) : ISmsGateway
{
    // Signed with the wall clock, not the app's business clock: the provider refuses a request stamped minutes away.
    public string Name => "aliyun";

    public async Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value.Aliyun;
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AccessKeyId"] = o.AccessKeyId,
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["OutId"] = message.OutId,
            ["PhoneNumbers"] = message.Mobile,
            ["RegionId"] = o.RegionId,
            ["SignName"] = message.SignName,
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = Guid.NewGuid().ToString("N"),
            ["SignatureVersion"] = "1.0",
            ["TemplateCode"] = message.TemplateCode,
            ["TemplateParam"] = JsonSerializer.Serialize(new Dictionary<string, string> { ["content"] = message.Content }),
            // Signed against real time: the system clock, never a development clock that was moved.
            ["Timestamp"] = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["Version"] = "2017-05-25",
        };
        var query = Canonical(parameters);
        var signature = Sign("POST", query, o.AccessKeySecret);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(o.Endpoint, "/"))
        {
            Content = new StringContent($"Signature={Encode(signature)}&{query}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = Parse(body, response);
        var code = json.RootElement.TryGetProperty("Code", out var c) ? c.GetString() : null;
        if (!response.IsSuccessStatusCode || code != "OK")
        {
            throw new SmsRefusedException($"阿里云短信未受理：HTTP {(int)response.StatusCode} {code} {(json.RootElement.TryGetProperty("Message", out var m) ? m.GetString() : "")}".TrimEnd());
        }

        return json.RootElement.TryGetProperty("BizId", out var biz) ? biz.GetString() : null;
    }

    /// <summary>The sorted query of the parameters, each name and value percent-encoded as the API specifies.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));

    /// <summary>The signature of a request: Base64 of HMAC-SHA1 with the secret and '&amp;' over METHOD&amp;%2F&amp;encoded query.</summary>
    public static string Sign(string method, string canonicalQuery, string secret)
    {
        var toSign = $"{method}&{Encode("/")}&{Encode(canonicalQuery)}";
#pragma warning disable CA5350 // The provider's signature version 1.0 is HMAC-SHA1; it is not ours to choose.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret + "&"), Encoding.UTF8.GetBytes(toSign)));
#pragma warning restore CA5350
    }

    // RFC 3986 encoding in UTF-8 (space as %20, '*' as %2A, '~' kept), which is what the API asks for.
    private static string Encode(string value) => Uri.EscapeDataString(value);

    private static JsonDocument Parse(string body, HttpResponseMessage response)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new SmsRefusedException($"阿里云短信的回答不是 JSON：HTTP {(int)response.StatusCode}");
        }
    }
}
