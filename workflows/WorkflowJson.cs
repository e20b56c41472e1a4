using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Replies.Workflows;

/// <summary>
/// How the workflows' records become JSON: in the task hub (inputs, outputs, events) and in the application's own
/// rows and blobs. Web defaults, and Chinese stored as written rather than escaped, so rows stay readable and small.
/// </summary>
public static class WorkflowJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The converter the engine's worker and client share.</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);
}
