using Azure.Core;
using Azure.Core.Pipeline;

namespace Replies.Bench;

/// <summary>Counts every HTTP request the Azure SDK sends (retries included), per service.</summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _total);

    public void AddTo(ClientOptions options) => options.AddPolicy(this, HttpPipelinePosition.PerRetry);
}
