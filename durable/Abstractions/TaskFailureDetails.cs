namespace Replies.Durable;

/// <summary>What went wrong in a failed activity, sub-orchestration or orchestration.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when known.</param>
/// <param name="InnerFailure">The inner failure, when there was one.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Builds failure details from an exception.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            return failed.FailureDetails;
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>Whether the failure was caused by an exception of type <typeparamref name="T"/> or a subtype.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        var type = typeof(T);
        for (var t = Type.GetType(ErrorType) ?? FindLoadedType(ErrorType); t is not null; t = t.BaseType)
        {
            if (t == type)
            {
                return true;
            }
        }

        return ErrorType == type.FullName;
    }

    private static Type? FindLoadedType(string name)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            var t = assembly.GetType(name, throwOnError: false);
            if (t is not null)
            {
                return t;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
