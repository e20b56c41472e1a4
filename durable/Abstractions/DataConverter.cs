using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Replies.Durable;

/// <summary>Serializes inputs, outputs and event payloads to the strings stored in history.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes a value of the given type; null stays null.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes a value of type <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}

/// <summary>System.Text.Json with web defaults; CJK text is stored as it is, not escaped.</summary>
public sealed class JsonDataConverter : DataConverter
{
    /// <summary>The shared instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <summary>The serializer options used.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <inheritdoc />
    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType) =>
        data is null ? null : JsonSerializer.Deserialize(data, targetType, Options);
}
