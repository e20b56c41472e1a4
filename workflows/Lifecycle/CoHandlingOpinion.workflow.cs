using Microsoft.DurableTask;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Rules;

namespace Replies.Workflows.Lifecycle;

/// <summary>The input of <see cref="CoHandlingOpinion"/>.</summary>
public sealed record CoHandlingInput(string ProposalId, string Title, string Department, string LeadDepartment, DateOnly Due, DateOnly Cutoff, IReadOnlyList<int> ReminderDaysBefore)
{
    /// <summary>Business time when the co-handling began (the lead instance's "now").</summary>
    public DateTime? At { get; init; }
}

/// <summary>What a co-handler sent, and whether it was late.</summary>
public sealed record CoHandlingResult(string Department, string? Opinion, bool Late);

/// <summary>
/// One co-handler's opinion (会办意见): due within the configured time after assignment, with a reminder before and an
/// escalation at the due date; a late opinion is still taken until the lead's reply deadline. The opinion is stored
/// where the lead's drafting view reads it.
/// </summary>
public sealed class CoHandlingOpinion : TaskOrchestrator<CoHandlingInput, CoHandlingResult>
{
    /// <summary>The instance id of a department's co-handling of a proposal.</summary>
    public static string InstanceIdFor(string proposalId, string department) => $"{proposalId}:cohandling:{department}";

    /// <inheritdoc />
    public override async Task<CoHandlingResult> RunAsync(TaskOrchestrationContext context, CoHandlingInput input)
    {
        var now = input.At ?? context.CurrentUtcDateTime;
        var dept = Recipients.Department(input.Department);
        var alarms = input.ReminderDaysBefore.Select(d => (At: ChinaTime.EndOf(input.Due.AddDays(-d)), Kind: "remind" + d))
            .Append((At: ChinaTime.EndOf(input.Due), Kind: "due"))
            .Append((At: ChinaTime.EndOf(input.Cutoff), Kind: "cutoff"))
            .Where(a => a.At > now)
            .OrderBy(a => a.At)
            .ToList();
        var late = false;
        DateTime? scheduled = null;
        Task SetAlarm(string? key, DateTime? at)
        {
            var previous = scheduled;
            scheduled = at;
            return context.SetAlarmAsync(new AlarmSetting(context.InstanceId, key, at, previous));
        }

        var opinion = context.WaitForExternalEvent<CoHandlingOpinionSent>(nameof(CoHandlingOpinionSent));
        foreach (var (at, kind) in alarms)
        {
            await SetAlarm(kind, at);
            DeadlineReached? reached = null;
            while (reached is null)
            {
                var deadline = context.WaitForExternalEvent<DeadlineReached>(nameof(DeadlineReached));
                if (await Task.WhenAny(opinion, deadline) == opinion)
                {
                    break;
                }

                // An alarm raised twice, or one this instance has moved past, is ignored.
                reached = (await deadline) is { } d && d.Key == kind ? d : null;
            }

            if (reached is null)
            {
                break;
            }

            now = reached.At > now ? reached.At : now;
            if (kind == "cutoff")
            {
                await context.RecordCoHandlingOpinionAsync(new OpinionRecord(input.ProposalId, input.Department, null, null, now, true));
                await SetAlarm(null, null);
                return new CoHandlingResult(input.Department, null, true);
            }

            late |= kind == "due";
            var message = kind == "due"
                ? $"督办：《{input.Title}》的会办意见已逾期（{input.Due:yyyy-MM-dd}），请立即送{input.LeadDepartment}。"
                : $"催办：《{input.Title}》的会办意见请于{input.Due:yyyy-MM-dd}前送{input.LeadDepartment}。";
            var notes = new List<Notification> { new(dept, kind == "due" ? NotificationKind.Escalation : NotificationKind.Reminder, message) };
            if (kind == "due")
            {
                notes.Add(new Notification(Recipients.ClerkOffice, NotificationKind.Escalation, $"{input.Department}未按期提交《{input.Title}》的会办意见。"));
            }

            await context.QueueNotificationsAsync(new NotificationBatch(input.ProposalId, $"co-{input.Department}-{kind}", now, notes));
        }

        var sent = await opinion;
        now = sent.At is { } sentAt && sentAt > now ? sentAt : now;
        if (scheduled is not null)
        {
            await SetAlarm(null, null);
        }

        await context.RecordCoHandlingOpinionAsync(new OpinionRecord(input.ProposalId, input.Department, sent.Opinion, sent.Actor.Name, now, late));
        await context.QueueNotificationsAsync(new NotificationBatch(input.ProposalId, $"co-{input.Department}-received", now,
            [new Notification(Recipients.Department(input.LeadDepartment), NotificationKind.Info, $"{input.Department}已提交《{input.Title}》的会办意见。")]));
        return new CoHandlingResult(input.Department, sent.Opinion, late);
    }
}
