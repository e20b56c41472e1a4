using System.Globalization;
using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Replies.Functions.Startup;
using Replies.Workflows.Storage;

namespace Replies.Local.Hosting;

/// <summary>
/// Runs every queue-triggered function of the app as the host's queue listener does, with host.json's
/// <c>extensions:queues</c> settings: messages taken in batches, each handed to the function and deleted when it
/// returns; one that throws comes back after <c>visibilityTimeout</c>, and after its <c>maxDequeueCount</c>th attempt
/// goes to the poison queue (<c>{queue}-poison</c>). An empty queue is polled less often, up to
/// <c>maxPollingInterval</c>.
/// </summary>
internal sealed class QueueFunctions(IServiceProvider services, IConfiguration configuration, ILogger<QueueFunctions> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Discover().Select(t => ListenAsync(t.Method, Resolve(t.Trigger.QueueName), stoppingToken)));

    private static IEnumerable<(MethodInfo Method, QueueTriggerAttribute Trigger)> Discover() =>
        typeof(AppServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Method, x.Trigger!));

    private async Task ListenAsync(MethodInfo method, string queueName, CancellationToken stoppingToken)
    {
        FunctionInvoker.Check(method);
        var storage = services.GetRequiredService<ReplyStorage>();
        var queue = storage.Queue(queueName);
        var poison = storage.Queue(queueName + "-poison");
        var batch = configuration.GetValue("extensions:queues:batchSize", 16);
        var maxDequeue = configuration.GetValue("extensions:queues:maxDequeueCount", 5);
        var retryAfter = Span("extensions:queues:visibilityTimeout", TimeSpan.Zero);
        var maxPolling = Span("extensions:queues:maxPollingInterval", TimeSpan.FromMinutes(1));
        var idle = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(batch, TimeSpan.FromMinutes(10), stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, maxPolling.Ticks));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(100);
                await Task.WhenAll(messages.Select(m => HandleAsync(method, queue, poison, m, maxDequeue, retryAfter, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Queue {Queue} could not be read; trying again", queueName);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task HandleAsync(MethodInfo method, QueueClient queue, QueueClient poison, QueueMessage message, int maxDequeue, TimeSpan retryAfter, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(method, scope.ServiceProvider, p => p.ParameterType == typeof(string) ? message.MessageText : message, new Dictionary<string, object?>(), stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Queue function {Function} failed on message {Message} (attempt {Attempt})", method.Name, message.MessageId, message.DequeueCount);
            if (message.DequeueCount >= maxDequeue)
            {
                await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: retryAfter, cancellationToken: CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the message comes back after its visibility timeout, as it would under the host.
        }
    }

    private string Resolve(string name) =>
        System.Text.RegularExpressions.Regex.Replace(name, "%([^%]+)%", m => configuration[m.Groups[1].Value] ?? throw new InvalidOperationException($"The queue name setting {m.Value} is missing."));

    private TimeSpan Span(string key, TimeSpan fallback) =>
        configuration[key] is { } value ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
