using System.Net.Sockets;
using Azure;

namespace Replies.Functions.Safety;

/// <summary>
/// Whether an exception means the storage account could not be reached or could not serve (connection refused,
/// timed out, 5xx after the client's own retries), as opposed to a fault of the request or of the code.
/// </summary>
public static class StorageOutage
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RequestFailedException failed when failed.Status is 0 or >= 500:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(Is):
                    return true;
                case Grpc.Core.RpcException rpc when IsStorage(rpc):
                    return true;
            }
        }

        return false;
    }

    // Under the Functions host the durable client is a gRPC client of the host's Durable extension, which answers a
    // storage fault of its own as Internal with the fault's message in the detail: Azure.Core's "Retry failed after"
    // once its retries are spent, or the socket's own words.
    private static bool IsStorage(Grpc.Core.RpcException rpc) =>
        rpc.StatusCode is Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded
        || (rpc.StatusCode == Grpc.Core.StatusCode.Internal && StorageWords.Any(w => rpc.Status.Detail.Contains(w, StringComparison.Ordinal)));

    private static readonly string[] StorageWords = ["Retry failed after", "Connection refused", "timed out", "Service Unavailable", "ServerBusy"];
}
