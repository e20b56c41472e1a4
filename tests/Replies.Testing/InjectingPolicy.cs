using Azure.Core;
using Azure.Core.Pipeline;

namespace Replies.Testing;

/// <summary>
/// A pipeline policy that answers some storage requests itself: added to a client per try, under the client's own
/// retries, as storage's failures reach it.
/// </summary>
public abstract class InjectingPolicy : HttpPipelinePolicy
{
    /// <summary>Adds the policy to a client's options.</summary>
    public void AddTo(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
    }

    public sealed override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
}
