namespace Replies.Functions.Http;

/// <summary>The JSON body a function reads, for the OpenAPI document (the function reads it itself).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequestBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
