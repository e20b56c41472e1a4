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
            }
        }

        return false;
    }
}
