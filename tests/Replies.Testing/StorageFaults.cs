using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Replies.Testing;

/// <summary>
/// Makes a share of storage requests fail the ways storage fails: a 503 before the request reaches the service, a
/// timeout before it is sent, and (when <paramref name="answersLost"/>) a timeout after the service applied it, so the
/// client's retry meets its own earlier write. Added to every storage client's pipeline per try, under the clients'
/// own retries.
/// </summary>
public sealed class StorageFaults(double rate, bool answersLost = false, int seed = 14) : InjectingPolicy
{
    private readonly Random _random = new(seed);
    private int _unavailable;
    private int _timedOut;
    private int _lost;

    /// <summary>Whether faults are injected now (off while a host starts and while results are checked).</summary>
    public bool Enabled { get; set; }

    /// <summary>How many requests were failed, by kind.</summary>
    public (int Unavailable, int TimedOut, int AnswerLost) Injected => (_unavailable, _timedOut, _lost);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        int roll;
        double draw;
        lock (_random)
        {
            draw = _random.NextDouble();
            roll = _random.Next(answersLost ? 3 : 2);
        }

        if (!Enabled || draw >= rate)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        switch (roll)
        {
            case 0:
                Interlocked.Increment(ref _unavailable);
                message.Response = new InjectedResponse(503, "Service Unavailable (injected)", null, message.Request.ClientRequestId);
                return;
            case 1:
                Interlocked.Increment(ref _timedOut);
                await Task.Delay(200, message.CancellationToken);
                throw new IOException("Injected fault: the request timed out before it was sent.");
            default:
                await ProcessNextAsync(message, pipeline);
                Interlocked.Increment(ref _lost);
                throw new IOException("Injected fault: the service applied the request but its answer was lost.");
        }
    }
}

/// <summary>A storage answer made up by a test policy: a status, and the service's error code header when given.</summary>
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
