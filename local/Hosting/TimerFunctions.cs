using System.Globalization;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Replies.Local.Hosting;

/// <summary>
/// Runs every timer function of the app on its schedule, read from configuration as the Functions host reads
/// <c>%Name%</c>: a six-field cron expression (with seconds), or a TimeSpan (the host's form for a fixed interval).
/// A function marked RunOnStartup runs once at start; runs of one function never overlap. Schedules follow the wall
/// clock, as the host's do; business time (the app's <see cref="TimeProvider"/>) is the functions' own affair.
/// </summary>
internal sealed class TimerFunctions(IServiceProvider services, IConfiguration configuration, ILogger<TimerFunctions> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Discover().Select(t => RunAsync(t.Method, t.Trigger, stoppingToken)));

    private static IEnumerable<(MethodInfo Method, TimerTriggerAttribute Trigger)> Discover() =>
        typeof(Functions.Startup.AppServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Method, x.Trigger!));

    private async Task RunAsync(MethodInfo method, TimerTriggerAttribute trigger, CancellationToken stoppingToken)
    {
        FunctionInvoker.Check(method);
        var name = method.GetCustomAttribute<FunctionAttribute>()!.Name;
        var next = Schedule(Resolve(trigger.Schedule));
        if (trigger.RunOnStartup)
        {
            await RunOnceAsync(method, name, stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = TimeProvider.System.GetUtcNow();
            var due = next(now);
            try
            {
                await Task.Delay(due - now > TimeSpan.Zero ? due - now : TimeSpan.Zero, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunOnceAsync(method, name, stoppingToken);
        }
    }

    private async Task RunOnceAsync(MethodInfo method, string name, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(method, scope.ServiceProvider, _ => new TimerInfo(), new Dictionary<string, object?>(), stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Timer function {Function} failed; it runs again at its next time", name);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private string Resolve(string schedule) =>
        schedule.StartsWith('%') && schedule.EndsWith('%')
            ? configuration[schedule.Trim('%')] ?? throw new InvalidOperationException($"The timer schedule setting {schedule} is missing.")
            : schedule;

    // The next time after a moment, by cron expression or fixed interval.
    private static Func<DateTimeOffset, DateTimeOffset> Schedule(string schedule)
    {
        if (TimeSpan.TryParse(schedule, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return now => now + interval;
        }

        var cron = CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        return now => new DateTimeOffset(cron.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
    }
}
