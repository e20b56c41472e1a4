namespace Replies.Durable.Worker;

/// <summary>A durable task the orchestrator is waiting on, completed by a history event.</summary>
internal abstract class OpenTask(string name)
{
    public string Name { get; } = name;

    public abstract bool IsDone { get; }

    public abstract void Complete(string? serializedResult, DataConverter converter);

    public abstract void Fail(Exception exception);
}

internal sealed class OpenTask<T>(string name) : OpenTask(name)
{
    private readonly TaskCompletionSource<T> _source = new();

    public Task<T> Task => _source.Task;

    public override bool IsDone => _source.Task.IsCompleted;

    public override void Complete(string? serializedResult, DataConverter converter)
    {
        try
        {
            var value = typeof(T) == typeof(bool) && serializedResult is null
                ? default!
                : converter.Deserialize<T>(serializedResult);
            _source.TrySetResult(value!);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
        {
            _source.TrySetException(ex);
        }
    }

    public override void Fail(Exception exception) => _source.TrySetException(exception);

    public void Cancel() => _source.TrySetCanceled();
}
