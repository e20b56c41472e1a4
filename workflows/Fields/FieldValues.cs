namespace Replies.Workflows.Fields;

/// <summary>The values a decision's fields were read as, by field name: what its descriptor makes the event from.</summary>
public sealed class FieldValues
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>The value of the named field, or the type's default when it was not given.</summary>
    public T Get<T>(string name) => _values.GetValueOrDefault(name) is T value ? value : default!;

    /// <summary>Whether the named field was given.</summary>
    public bool Has(string name) => _values.GetValueOrDefault(name) is not null;

    internal void Set(string name, object? value) => _values[name] = value;
}
