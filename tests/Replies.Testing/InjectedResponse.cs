using Azure;
using Azure.Core;

namespace Replies.Testing;

/// <summary>A storage answer made up by a test policy instead of sent by the service.</summary>
internal sealed class InjectedResponse(int status, string reason, string? errorCode, string clientRequestId) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => reason;

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = clientRequestId;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => errorCode is null ? [] : [new HttpHeader("x-ms-error-code", errorCode)];

    protected override bool TryGetHeader(string name, out string value)
    {
        value = errorCode ?? "";
        return errorCode is not null && name.Equals("x-ms-error-code", StringComparison.OrdinalIgnoreCase);
    }

    protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
    {
        var found = TryGetHeader(name, out var value);
        values = found ? [value] : [];
        return found;
    }
}
