using Azure.Core;
using Azure.Core.Pipeline;

namespace Replies.Testing;

/// <summary>
/// Storage as a new deployment's app meets it before its role assignments have reached the account: every request
/// answered 403 AuthorizationPermissionMismatch until <see cref="Assigned"/> is set.
/// </summary>
public sealed class RolesNotYetAssigned : InjectingPolicy
{
    private int _refused;

    public bool Assigned { get; set; }

    public int Refused => _refused;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Assigned)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }

        Interlocked.Increment(ref _refused);
        message.Response = new InjectedResponse(403, "This request is not authorized to perform this operation using this permission.", "AuthorizationPermissionMismatch", message.Request.ClientRequestId);
    }
}
