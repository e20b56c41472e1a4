using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Lifecycle;

/// <summary>Stores a transition: status row, index rows, audit row, notifications and the request's outcome; answers the key of the transition its sequence holds (another's on a conflict, when nothing was stored).</summary>
public sealed class RecordTransition(ReplyStorage storage, TransitionWriter writer, OutcomeSignals signals, AlarmStore alarms) : TaskActivity<TransitionRecord, string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, TransitionRecord input)
    {
        await storage.EnsureCreatedAsync();
        var holder = await writer.RecordAsync(input, input.Alarm is { } alarm ? () => alarms.SetAsync(alarm) : null);
        if (input.Outcome is { } outcome && holder == TransitionWriter.TransitionKey(input))
        {
            signals.Stored(input.Current.ProposalId, outcome.RequestId);
        }

        return holder;
    }
}

/// <summary>The input of <see cref="ReadSentDecision"/>.</summary>
public sealed record SentDecisionRequest(string ProposalId, string RequestId);

/// <summary>
/// Reads a decision's event back from its sent mark: the event of a transition a lost episode stored, which the
/// instance then takes at once instead of waiting for its message to come back.
/// </summary>
public sealed class ReadSentDecision(DecisionLedger ledger) : TaskActivity<SentDecisionRequest, SentEvent?>
{
    /// <inheritdoc />
    public override Task<SentEvent?> RunAsync(TaskActivityContext context, SentDecisionRequest input) =>
        ledger.GetSentEventAsync(input.ProposalId, input.RequestId);
}

/// <summary>The input of <see cref="RecordOutcome"/>.</summary>
public sealed record OutcomeRecord(string ProposalId, RequestOutcome Outcome)
{
    /// <summary>The instance's sequence when it refused: a refusal stands only while the next sequence is free.</summary>
    public int? AfterSequence { get; init; }
}

/// <summary>
/// Stores what became of a request that changed nothing (a refusal); false, storing nothing, when a transition of a
/// lost episode already holds the sequence after the instance's (the refusal was judged on a state that is behind).
/// </summary>
public sealed class RecordOutcome(ReplyStorage storage, TransitionWriter writer, DecisionLedger ledger, OutcomeSignals signals) : TaskActivity<OutcomeRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, OutcomeRecord input)
    {
        await storage.EnsureCreatedAsync();
        if (input.AfterSequence is { } after && await writer.HolderOfAsync(input.ProposalId, after + 1) is { } holder && holder != input.Outcome.RequestId)
        {
            return false;
        }

        await ledger.RecordOutcomeAsync(input.ProposalId, input.Outcome);
        signals.Stored(input.ProposalId, input.Outcome.RequestId);
        return true;
    }
}

/// <summary>Archives a closed item (办结归档): one package, written once (<see cref="ArchiveStore"/>); the number of files.</summary>
public sealed class ArchiveItem(ArchiveStore archive) : TaskActivity<string, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, string input) =>
        (await archive.ArchiveAsync(input)).Files.Count;
}

/// <summary>The input of <see cref="QueueNotifications"/>: the key makes a repeat write the same rows.</summary>
public sealed record NotificationBatch(string ProposalId, string BatchKey, DateTime At, IReadOnlyList<Notification> Notifications);

/// <summary>Writes reminders and escalations that change no state to the outbox.</summary>
public sealed class QueueNotifications(ReplyStorage storage) : TaskActivity<NotificationBatch, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, NotificationBatch input)
    {
        await storage.EnsureCreatedAsync();
        await Notices.NoticeOutbox.WriteAsync(storage, input.ProposalId, input.BatchKey, input.At, input.Notifications);
        return true;
    }
}

/// <summary>Keeps an instance's next deadline where the deadline sweep finds it (or clears it).</summary>
public sealed class SetAlarm(ReplyStorage storage, AlarmStore alarms) : TaskActivity<AlarmSetting, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, AlarmSetting input)
    {
        await storage.EnsureCreatedAsync();
        await alarms.SetAsync(input);
        return true;
    }
}

/// <summary>The input of <see cref="PlanWorkingDays"/>.</summary>
public sealed record WorkingDaysRequest(DateOnly From, int Days);

/// <summary>
/// Counts working days on the shipped calendar. An activity, not orchestrator code, so the answer is recorded in history
/// and a calendar file added later cannot change a running instance's replay.
/// </summary>
public sealed class PlanWorkingDays(WorkingDayCalendar calendar) : TaskActivity<WorkingDaysRequest, WorkingDate>
{
    /// <inheritdoc />
    public override Task<WorkingDate> RunAsync(TaskActivityContext context, WorkingDaysRequest input) =>
        Task.FromResult(calendar.AddWorkingDays(input.From, input.Days));
}

/// <summary>The input of <see cref="AssignFilingNumber"/>.</summary>
public sealed record FilingNumberRequest(string Session, string ProposalId);

/// <summary>Gives a filed item its number in the session (立案号), the same one if asked again.</summary>
public sealed class AssignFilingNumber(ReplyStorage storage, NumberingStore numbering) : TaskActivity<FilingNumberRequest, int>
{
    /// <inheritdoc />
    public override async Task<int> RunAsync(TaskActivityContext context, FilingNumberRequest input)
    {
        await storage.EnsureCreatedAsync();
        return await numbering.NumberForAsync(NumberingStore.FilingScope(input.Session), input.ProposalId);
    }
}

/// <summary>The input of <see cref="NotifyMergeTarget"/>.</summary>
public sealed record MergeNotice(string TargetProposalId, string FromProposalId, IReadOnlyList<Person> Proposers, Actor Actor, DateTime At);

/// <summary>Tells the item merged into that it must also answer this item's proposers.</summary>
public sealed class NotifyMergeTarget(DurableTaskClient client) : TaskActivity<MergeNotice, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, MergeNotice input)
    {
        var e = new ProposersMergedIn($"merge-{input.FromProposalId}", input.Actor, input.FromProposalId, input.Proposers) { At = input.At };
        await client.RaiseEventAsync(input.TargetProposalId, e.EventName, e);
        return true;
    }
}

/// <summary>The input of <see cref="RecordCoHandlingOpinion"/>.</summary>
public sealed record OpinionRecord(string ProposalId, string Department, string? Opinion, string? By, DateTime At, bool Late);

/// <summary>Stores a co-handler's opinion where the lead's drafting view reads it.</summary>
public sealed class RecordCoHandlingOpinion(OpinionStore opinions) : TaskActivity<OpinionRecord, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, OpinionRecord input)
    {
        await opinions.SaveAsync(input);
        return true;
    }
}
