using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Replies.Functions.Notices;

/// <summary>
/// Tencent Cloud SMS, <c>SendSms</c> of API 2021-01-11, as its API 3.0 documents it: a JSON body (PhoneNumberSet,
/// SmsSdkAppId, SignName, TemplateId, TemplateParamSet, SessionContext) posted with the X-TC-* headers and signed
/// with TC3-HMAC-SHA256 over the canonical request (content-type and host). Status code "Ok" is accepted.
/// </summary>
public sealed class TencentSmsGateway(HttpClient http, IOptions<SmsOptions> options) : ISmsGateway
{
    /// <summary>The content type the request is sent and signed with.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    // Signed with the wall clock, not the app's business clock: the provider refuses a request stamped minutes away.
    public string Name => "tencent";

    public async Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o = options.Value.Tencent;
        var payload = JsonSerializer.Serialize(new
        {
            PhoneNumberSet = new[] { message.Mobile.StartsWith('+') ? message.Mobile : "+86" + message.Mobile },
            SmsSdkAppId = o.SdkAppId,
            SignName = message.SignName,
            TemplateId = message.TemplateCode,
            TemplateParamSet = new[] { message.Content },
            SessionContext = message.OutId,
        });
        // The gateway checks its signature against real time: the system clock, never a development clock that was moved.
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var host = o.Endpoint.IsDefaultPort ? o.Endpoint.Host : $"{o.Endpoint.Host}:{o.Endpoint.Port}";
        using var request = new HttpRequestMessage(HttpMethod.Post, o.Endpoint)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload)),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        request.Headers.Host = host;
        request.Headers.Add("X-TC-Action", "SendSms");
        request.Headers.Add("X-TC-Version", "2021-01-11");
        request.Headers.Add("X-TC-Region", o.Region);
        request.Headers.Add("X-TC-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Authorization", Authorization(o.SecretId, o.SecretKey, host, payload, timestamp));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement answer;
        try
        {
            answer = JsonDocument.Parse(body).RootElement.GetProperty("Response");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new SmsRefusedException($"腾讯云短信的回答无法识别：HTTP {(int)response.StatusCode}");
        }

        if (answer.TryGetProperty("Error", out var error))
        {
            throw new SmsRefusedException($"腾讯云短信未受理：{error.GetProperty("Code").GetString()} {error.GetProperty("Message").GetString()}");
        }

        var status = answer.GetProperty("SendStatusSet")[0];
        if (status.GetProperty("Code").GetString() != "Ok")
        {
            throw new SmsRefusedException($"腾讯云短信未发送：{status.GetProperty("Code").GetString()} {status.GetProperty("Message").GetString()}");
        }

        return status.TryGetProperty("SerialNo", out var serial) ? serial.GetString() : null;
    }

    /// <summary>The Authorization header of a request: TC3-HMAC-SHA256 with the credential scope of its UTC day.</summary>
    public static string Authorization(string secretId, string secretKey, string host, string payload, long timestamp)
    {
        var date = DateTimeOffset.FromUnixTimeSeconds(timestamp).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string signedHeaders = "content-type;host";
        var canonicalRequest = $"POST\n/\n\ncontent-type:{ContentType}\nhost:{host.ToLowerInvariant()}\n\n{signedHeaders}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(payload)))}";
        var scope = $"{date}/sms/tc3_request";
        var toSign = $"TC3-HMAC-SHA256\n{timestamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("TC3" + secretKey), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, "sms"u8.ToArray());
        key = HMACSHA256.HashData(key, "tc3_request"u8.ToArray());
        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign)));
        return $"TC3-HMAC-SHA256 Credential={secretId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
