using Microsoft.AspNetCore.Http.Metadata;

namespace Replies.Functions.Http;

/// <summary>
/// What a command or a query answers, for the API and the pages alike: a value with its status (200, 201, 202), or a
/// problem (RFC 7807) with its Chinese title and detail and, for a refused form, the messages per field. The API
/// writes it as it is; a page shows the value or puts the messages beside its fields.
/// </summary>
public sealed class CommandResult : IResult, IStatusCodeHttpResult, IValueHttpResult
{
    private CommandResult(int status)
    {
        StatusCode = status;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public bool Succeeded => StatusCode < 400;

    /// <summary>The answer's body when it succeeded.</summary>
    public object? Value { get; private init; }

    /// <summary>Where the created or pending thing can be read.</summary>
    public string? Location { get; private init; }

    public string? Title { get; private init; }

    /// <summary>The sentence a person reads.</summary>
    public string? Detail { get; private init; }

    public string? Type { get; private init; }

    /// <summary>Messages per field (camelCase names), when the input was refused.</summary>
    public IDictionary<string, string[]>? Errors { get; private init; }

    public IDictionary<string, object?>? Extensions { get; private init; }

    /// <summary>Body bytes to send as a file download.</summary>
    public (byte[] Content, string ContentType, string FileName)? File { get; private init; }

    public static CommandResult Ok(object? value) => new(StatusCodes.Status200OK) { Value = value };

    public static CommandResult Created(string location, object value) => new(StatusCodes.Status201Created) { Value = value, Location = location };

    public static CommandResult Accepted(string? location, object value) => new(StatusCodes.Status202Accepted) { Value = value, Location = location };

    public static CommandResult NoContent() => new(StatusCodes.Status204NoContent);

    public static CommandResult Download(byte[] content, string contentType, string fileName) =>
        new(StatusCodes.Status200OK) { File = (content, contentType, fileName) };

    public static CommandResult Problem(int status, string title, string? detail, string type, IDictionary<string, object?>? extensions = null) =>
        new(status) { Title = title, Detail = detail, Type = type, Extensions = extensions };

    public static CommandResult Invalid(IDictionary<string, string[]> errors, string title, string detail, string type) =>
        new(StatusCodes.Status400BadRequest) { Title = title, Detail = detail, Type = type, Errors = errors };

    /// <summary>The messages of one field (camelCase), or none.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) => Errors is not null && Errors.TryGetValue(field, out var messages) ? messages : [];

    public Task ExecuteAsync(HttpContext httpContext) => ToHttpResult().ExecuteAsync(httpContext);

    private IResult ToHttpResult()
    {
        if (Errors is not null)
        {
            return TypedResults.ValidationProblem(Errors, Detail, title: Title, type: Type, extensions: Extensions);
        }

        if (!Succeeded)
        {
            return TypedResults.Problem(Detail, statusCode: StatusCode, title: Title, type: Type, extensions: Extensions);
        }

        if (File is { } file)
        {
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }

        return StatusCode switch
        {
            StatusCodes.Status201Created => TypedResults.Created(Location, Value),
            StatusCodes.Status202Accepted => TypedResults.Accepted(Location, Value),
            StatusCodes.Status204NoContent => TypedResults.NoContent(),
            _ => TypedResults.Ok(Value),
        };
    }
}
