using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask.Client;

namespace Replies.Local.Hosting;

/// <summary>
/// Calls a function method as the Functions worker would: the class created with the request's services (per call),
/// the trigger's value, the durable client for <c>[DurableClient]</c>, route values by parameter name, the
/// cancellation token; then awaits what it returns.
/// </summary>
internal sealed class FunctionInvoker
{
    /// <summary>Throws at start for a parameter this host cannot supply, rather than at the first call.</summary>
    public static void Check(MethodInfo method)
    {
        foreach (var p in method.GetParameters())
        {
            if (p.ParameterType == typeof(FunctionContext))
            {
                throw new NotSupportedException($"{method.DeclaringType!.Name}.{method.Name}: the local host does not supply FunctionContext to HTTP or timer functions.");
            }
        }
    }

    public static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, Func<ParameterInfo, object?> trigger, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => Argument(p, services, trigger, values, cancellationToken)).ToArray();
        var returned = method.Invoke(target, arguments);
        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
            default:
                return returned;
        }
    }

    private static object? Argument(ParameterInfo p, IServiceProvider services, Func<ParameterInfo, object?> trigger, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        if (p.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }

        if (p.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            return services.GetRequiredService<DurableTaskClient>();
        }

        if (p.GetCustomAttributes().Any(a => a is TriggerBindingAttribute))
        {
            return trigger(p);
        }

        if (values.TryGetValue(p.Name!, out var value) && value is not null)
        {
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            return type.IsInstanceOfType(value) ? value : Convert.ChangeType(value.ToString(), type, CultureInfo.InvariantCulture);
        }

        return p.HasDefaultValue ? p.DefaultValue : null;
    }
}
