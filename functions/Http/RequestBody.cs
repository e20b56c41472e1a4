using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Replies.Functions.Startup;

namespace Replies.Functions.Http;

/// <summary>
/// Reads a JSON request body with the host's size limit and turns every way it can be wrong (too large, not JSON,
/// a wrong type for a field) into a problem response naming the field, instead of an exception.
/// </summary>
internal static class RequestBody
{
    public static async Task<(T? Value, CommandResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (json, problem) = await ReadBytesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            var value = JsonSerializer.Deserialize<T>(json.Span, options);
            return value is null ? (null, Problems.BadJson("请求体不能为 null。")) : (value, null);
        }
        catch (JsonException ex) when (ex.GetType() == typeof(JsonException) && ex.Path is { Length: > 1 } path)
        {
            // A value of the wrong type (the reader's syntax errors are a subclass).
            return (null, Problems.Field(Field(path), "格式不正确。"));
        }
        catch (JsonException)
        {
            return (null, Problems.BadJson("请求体不是有效的 JSON。"));
        }
    }

    /// <summary>
    /// A JSON object whose fields are read one by one (a decision's request): its values are typed, not converted, so
    /// each field's reading judges its own (and a string no text can hold is refused there, naming its field).
    /// </summary>
    public static async Task<(JsonObject? Value, CommandResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, problem) = await ReadBytesAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (JsonObject.Create(document.RootElement.Clone()), null)
                : (null, Problems.BadJson("请求体须为 JSON 对象。"));
        }
        catch (JsonException)
        {
            return (null, Problems.BadJson("请求体不是有效的 JSON。"));
        }
    }

    private static async Task<(ReadOnlyMemory<byte> Json, CommandResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes;
        if (request.ContentLength > max)
        {
            return (default, Problems.TooLarge(max));
        }

        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (default, CommandResult.Problem(StatusCodes.Status415UnsupportedMediaType, Problems.TitleFor(415), "请以 application/json 提交。", Problems.TypeBase + "media-type"));
        }

        var buffer = new ArrayBufferWriter<byte>();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.WrittenCount + read > max)
            {
                return (default, Problems.TooLarge(max));
            }

            buffer.Write(chunk.AsSpan(0, read));
        }

        if (buffer.WrittenCount == 0)
        {
            return (default, Problems.BadJson("请求体为空，请以 JSON 提交。"));
        }

        // A UTF-8 byte-order mark (Windows tools write one) is not part of the JSON.
        var json = buffer.WrittenMemory;
        return (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? json[3..] : json, null);
    }

    private static string Field(string path) => path.TrimStart('$', '.').Split('.', '[')[0] is { Length: > 0 } f ? f : "body";
}
