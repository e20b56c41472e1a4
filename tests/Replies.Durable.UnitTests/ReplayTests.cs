using Replies.Durable.History;
using Replies.Durable.Worker;

namespace Replies.Durable.UnitTests;

/// <summary>Replay against in-memory histories: no storage involved.</summary>
public sealed class ReplayTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private sealed class Chain : TaskOrchestrator<int, string>
    {
        public List<bool> ReplayFlags { get; } = [];

        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            ReplayFlags.Add(context.IsReplaying);
            var a = await context.CallActivityAsync<string>("A", input);
            ReplayFlags.Add(context.IsReplaying);
            var b = await context.CallActivityAsync<string>("B", a);
            return a + b;
        }
    }

    private static ExecutionResult Run(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> past, params HistoryEvent[] fresh) =>
        new ReplayOrchestrationContext(orchestrator, "i1", JsonDataConverter.Default, null, null).Execute(past, fresh);

    private static HistoryEvent[] Start(string name = "Chain", string? input = "1") =>
        [new OrchestratorStarted { Timestamp = T0 }, new ExecutionStarted(name, "", input, "e1")];

    [Fact]
    public void A_new_instance_schedules_its_first_activity_and_waits()
    {
        var result = Run(new Chain(), [], Start());

        Assert.Equal(OrchestrationRuntimeStatus.Running, result.Status);
        var scheduled = Assert.IsType<TaskScheduled>(Assert.Single(result.NewActions));
        Assert.Equal(("A", 0, "1"), (scheduled.Name, scheduled.EventId, scheduled.Input));
    }

    [Fact]
    public void Replay_completes_recorded_tasks_in_order_and_only_new_steps_become_actions()
    {
        var orchestrator = new Chain();
        HistoryEvent[] past = [.. Start(), new TaskScheduled("A", "", "1") { EventId = 0 }, new OrchestratorStarted { Timestamp = T0.AddMinutes(1) }];
        var result = Run(orchestrator, past, new TaskCompleted(0, "\"x\""));

        var next = Assert.IsType<TaskScheduled>(Assert.Single(result.NewActions));
        Assert.Equal(("B", 1), (next.Name, next.EventId));
        Assert.Equal([true, false], orchestrator.ReplayFlags);
    }

    [Fact]
    public void The_orchestration_completes_with_its_output_when_the_last_result_arrives()
    {
        HistoryEvent[] past =
        [
            .. Start(), new TaskScheduled("A", "", "1") { EventId = 0 },
            new OrchestratorStarted { Timestamp = T0 }, new TaskCompleted(0, "\"x\""), new TaskScheduled("B", "", "\"x\"") { EventId = 1 },
        ];
        var result = Run(new Chain(), past, new OrchestratorStarted { Timestamp = T0 }, new TaskCompleted(1, "\"y\""));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        Assert.Equal("\"xy\"", result.Output);
        Assert.Empty(result.NewActions);
    }

    [Fact]
    public void A_different_activity_at_a_recorded_sequence_number_is_non_deterministic()
    {
        HistoryEvent[] past = [.. Start(), new TaskScheduled("Z", "", "1") { EventId = 0 }];
        var result = Run(new Chain(), past, new OrchestratorStarted { Timestamp = T0 }, new TaskCompleted(0, "\"x\""));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Failure!.ErrorType);
        Assert.Contains("'Z'", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'A'", result.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timer_recorded_where_the_code_now_calls_an_activity_is_non_deterministic()
    {
        HistoryEvent[] past = [.. Start(), new TimerCreated(T0.AddDays(1)) { EventId = 0 }];
        var result = Run(new Chain(), past);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Contains("timer", result.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    private sealed class Clocked : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var first = context.NewGuid();
            var before = context.CurrentUtcDateTime;
            await context.CreateTimer(before.AddDays(30), CancellationToken.None);
            return $"{first}|{before:O}|{context.CurrentUtcDateTime:O}";
        }
    }

    [Fact]
    public void Time_and_guids_come_from_history_so_every_replay_sees_the_same_values()
    {
        HistoryEvent[] past = [.. Start("Clocked", null), new TimerCreated(T0.AddDays(30)) { EventId = 0 }];
        var fired = T0.AddDays(30).AddSeconds(2);
        var once = Run(new Clocked(), past, new OrchestratorStarted { Timestamp = fired }, new TimerFired(0, T0.AddDays(30)));
        var twice = Run(new Clocked(), past, new OrchestratorStarted { Timestamp = fired }, new TimerFired(0, T0.AddDays(30)));

        Assert.Equal(once.Output, twice.Output);
        Assert.Contains($"{T0:O}|{fired:O}", once.Output, StringComparison.Ordinal);
    }

    private sealed class Racer : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            using var cts = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddDays(5), cts.Token);
            var decision = context.WaitForExternalEvent<string>("Decided", cts.Token);
            var winner = await Task.WhenAny(timer, decision);
#pragma warning disable CA1849 // Cancel must run on the orchestration thread.
            cts.Cancel();
#pragma warning restore CA1849
            return winner == decision ? await decision : "timeout";
        }
    }

    [Fact]
    public void An_event_that_arrived_before_the_wait_is_buffered_and_a_timer_cancelled_in_its_own_episode_is_never_scheduled()
    {
        var result = Run(new Racer(), [], [.. Start("Racer", null), new EventRaised("Decided", "\"批准\"")]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.Status);
        Assert.Equal("\"批准\"", result.Output);
        Assert.Empty(result.NewActions);
    }

    [Fact]
    public void The_timer_wins_the_race_when_it_fires_first()
    {
        HistoryEvent[] past = [.. Start("Racer", null), new TimerCreated(T0.AddDays(5)) { EventId = 0 }];
        var result = Run(new Racer(), past, new OrchestratorStarted { Timestamp = T0.AddDays(5) }, new TimerFired(0, T0.AddDays(5)));

        Assert.Equal("\"timeout\"", result.Output);
    }

    [Fact]
    public void Events_raised_while_suspended_are_held_until_resume()
    {
        var suspended = Run(new Racer(), [], [.. Start("Racer", null), new ExecutionSuspended("check"), new EventRaised("Decided", "\"a\"")]);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended.Status);

        var resumed = Run(new Racer(), [.. Start("Racer", null), new TimerCreated(T0.AddDays(5)) { EventId = 0 }, new ExecutionSuspended("check"), new EventRaised("Decided", "\"a\"")], new ExecutionResumed(null));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, resumed.Status);
    }

    private sealed class Sleeper : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input)
        {
            await Task.Delay(TimeSpan.FromMinutes(5));
            return "never";
        }
    }

    [Fact]
    public void Awaiting_a_non_durable_task_fails_with_a_clear_error()
    {
        var result = Run(new Sleeper(), [], Start("Sleeper", null));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.Status);
        Assert.Equal(typeof(OrchestrationAwaitException).FullName, result.Failure!.ErrorType);
    }

    private sealed class Loop : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            context.ContinueAsNew(input + 1);
            return Task.FromResult(input);
        }
    }

    [Fact]
    public void ContinueAsNew_reports_the_new_input_and_the_unconsumed_events()
    {
        var result = Run(new Loop(), [], [.. Start("Loop", "4"), new EventRaised("Later", "1")]);

        Assert.Equal(OrchestrationRuntimeStatus.ContinuedAsNew, result.Status);
        Assert.Equal("5", result.ContinueAsNewInput);
        Assert.Equal("Later", Assert.Single(result.CarriedOverEvents).Name);
    }

    [Fact]
    public void A_terminated_instance_stops_with_the_given_output()
    {
        var result = Run(new Chain(), Start(), new ExecutionTerminated("\"stop\""));

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.Status);
        Assert.Equal("\"stop\"", result.Output);
        Assert.Empty(result.NewActions);
    }
}
