using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Replies.Workflows;

namespace Replies.Deployment.Tests;

/// <summary>
/// The orchestration and activity trigger functions, written by hand, against the orchestrators and activities the
/// workflows register: the same names, and each activity function taking and returning its class's types.
/// </summary>
public sealed class TriggerSetTests
{
    private static readonly MethodInfo[] Functions = [.. typeof(Replies.Functions.Startup.AppServices).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)];

    [Fact]
    public void There_is_one_orchestration_trigger_function_per_registered_orchestrator()
    {
        var triggered = Named<OrchestrationTriggerAttribute>().Keys.Order(StringComparer.Ordinal);
        Assert.Equal(WorkflowRegistration.Orchestrators.Select(t => t.Name).Order(StringComparer.Ordinal), triggered);
    }

    [Fact]
    public void There_is_one_activity_trigger_function_per_registered_activity_with_its_input_and_output()
    {
        var triggered = Named<ActivityTriggerAttribute>();
        Assert.Equal(WorkflowRegistration.Activities.Select(t => t.Name).Order(StringComparer.Ordinal), triggered.Keys.Order(StringComparer.Ordinal));
        foreach (var activity in WorkflowRegistration.Activities)
        {
            var types = BaseOf(activity, typeof(TaskActivity<,>)).GetGenericArguments();
            var function = triggered[activity.Name];
            Assert.Equal(types[0], function.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(types[1]), function.ReturnType);
        }
    }

    [Fact]
    public void Each_orchestration_trigger_function_returns_its_orchestrators_output()
    {
        var triggered = Named<OrchestrationTriggerAttribute>();
        foreach (var orchestrator in WorkflowRegistration.Orchestrators)
        {
            var types = BaseOf(orchestrator, typeof(TaskOrchestrator<,>)).GetGenericArguments();
            Assert.Equal(typeof(Task<>).MakeGenericType(types[1]), triggered[orchestrator.Name].ReturnType);
        }
    }

    private static Dictionary<string, MethodInfo> Named<TTrigger>()
        where TTrigger : Attribute =>
        Functions.Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, StringComparer.Ordinal);

    private static Type BaseOf(Type type, Type generic)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == generic)
            {
                return t;
            }
        }

        throw new InvalidOperationException($"{type.Name} is not a {generic.Name}.");
    }
}
