using Microsoft.DurableTask;
using Replies.Workflows.Deadlines;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Workflows.Lifecycle;

/// <summary>The state machine of one run of <see cref="ProposalLifecycle"/>.</summary>
internal sealed partial class LifecycleRun
{
    // Deadlines fall at the end of the day in China (UTC+8).

    private readonly TaskOrchestrationContext _context;
    private readonly RulesProfile _rules;
    private readonly Person? _enteredBy;
    private readonly EventInbox _inbox;
    private readonly HashSet<string> _handledRequests = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firedAlarms = new(StringComparer.Ordinal);
    private readonly List<Task<CoHandlingResult>> _coHandling = [];
    private ProposalText _text;

    // Set when a decision changed the text (the clerk corrected the asks at filing): the next transition stores it.
    private bool _textChanged;
    private ProposalSnapshot _state;
    private Notification[] _pendingNotes = [];
    private DateTime _now;
    private Alarm? _scheduled;

    // What the transition being made answers (a request, an alarm): stored with it, it tells its copies from others.
    private string _cause = "submitted";

    // Events whose transition met another stored under its sequence number (see ProposalStore.RecordAsync): taken
    // again, in order, once the instance has made that transition itself.
    private readonly List<object> _deferred = [];
    private int _deferredAt;

    public LifecycleRun(TaskOrchestrationContext context, ProposalLifecycleInput input)
    {
        _context = context;
        _rules = input.Rules;
        _now = input.At ?? context.CurrentUtcDateTime;
        var s = input.Submission;
        _enteredBy = s.EnteredBy;
        _text = new ProposalText(s.Title, s.Body, s.Category, s.OriginalTitle, s.OriginalBody) { Asks = s.Asks };
        _state = new ProposalSnapshot
        {
            ProposalId = context.InstanceId,
            Kind = s.Kind,
            Session = s.Session,
            Title = s.Title,
            Category = s.Category,
            Proposer = s.Proposer,
            PendingCoSigners = s.CoSigners,
            Stage = ProposalStage.CoSigning,
            SubmittedAt = _now,
            Sequence = 0,
        };
        // Every decision of a lifecycle is waited for; the two events no person gives are named here.
        _inbox = new EventInbox(context).Watch<ProposersMergedIn>().Watch<DeadlineReached>();
        foreach (var decision in DecisionCatalog.OfLifecycle)
        {
            decision.WatchIn(_inbox);
        }
    }

    /// <summary>Business time: the latest time a decision or the deadline sweep brought, never going back.</summary>
    private DateTime Now => _now;

    private DateOnly Today => ChinaTime.DateOf(Now);

    public async Task<ProposalOutcome> RunAsync()
    {
        // Entered on the proposer's behalf (代录), the first entry of the audit names the clerk who entered it.
        var (system, submitted) = _enteredBy is { } clerk
            ? (new Actor(clerk.PersonId, clerk.Name, Role.Clerk), $"代{_state.Proposer.Name}录入提交")
            : (new Actor(_state.Proposer.PersonId, _state.Proposer.Name, Role.Proposer), "提交");
        if (_state.PendingCoSigners.Count > 0)
        {
            var due = await WorkingDaysAsync(Today, _rules.CoSignWindowWorkingDays);
            await CommitAsync(
                _state with { Stage = ProposalStage.CoSigning, CoSignDue = due },
                system,
                submitted,
                null,
                [.. _state.PendingCoSigners.Select(p => new Notification(Recipients.Person(p.PersonId), NotificationKind.Task, $"{_state.Proposer.Name}邀请您联名《{_state.Title}》，请于{Cn(due)}前确认。"))]);
        }
        else
        {
            await EnterFilingReviewAsync(system, submitted);
        }

        while (!_state.IsFinal)
        {
            var alarm = NextAlarm(_state);
            await ScheduleAsync(alarm);
            var retried = _deferred.Count > 0 && _state.Sequence > _deferredAt;
            var next = retried ? _deferred[0] : await _inbox.NextAsync();
            if (retried)
            {
                _deferred.RemoveAt(0);
            }

            // A request taken already, or waiting among the deferred, is a copy (a person's retry, a redelivery).
            if (next is ProposalAction repeat && (_handledRequests.Contains(repeat.RequestId)
                || (!retried && _deferred.Any(d => d is ProposalAction p && p.RequestId == repeat.RequestId))))
            {
                continue;
            }

            var before = Save();
            try
            {
                await TakeAsync(next, alarm);
            }
            catch (TransitionConflictException conflict)
            {
                Restore(before);
                _deferred.Insert(retried ? 0 : _deferred.Count, next);
                _deferredAt = _state.Sequence;
                // The decision whose transition holds the sequence is read back from its sent mark and taken now (its
                // own message, when it comes back, is a copy); an alarm's, or a decision too large to mark, comes back
                // with its message.
                if (conflict.Holder is { } holder
                    && !_handledRequests.Contains(holder)
                    && !_deferred.Any(d => d is ProposalAction p && p.RequestId == holder)
                    && await _context.ReadSentDecisionAsync(new SentDecisionRequest(_state.ProposalId, holder)) is { } sent
                    && ProposalAction.Read(sent.EventName, sent.Json) is { } held)
                {
                    _deferred.Insert(0, held);
                    _deferredAt = _state.Sequence - 1;
                }
            }
        }

        await ScheduleAsync(null);
        // 办结归档: the whole record, once the closing transition is stored.
        await _context.ArchiveItemAsync(_state.ProposalId);
        return new ProposalOutcome(_state.Stage, _state.ResultClass, _state.Rating, _state.RehandlingRound, _state.Sequence);
    }

    private async Task TakeAsync(object next, Alarm? alarm)
    {
        if (next is DeadlineReached deadline)
        {
            AdvanceTo(deadline.At);
            // A sweep may bring an alarm this instance has since moved past or already handled: nothing to do.
            if (alarm is { } due && due.Key == deadline.Key && due.At <= Now)
            {
                _firedAlarms.Add(due.Key);
                _cause = due.Key;
                await OnAlarmAsync(due);
            }

            return;
        }

        var action = (ProposalAction)next;
        AdvanceTo(action.At ?? _context.CurrentUtcDateTime);
        _handledRequests.Add(action.RequestId);
        _cause = action.RequestId;
        var refusal = await HandleAsync(action);
        // A refusal judged on a state behind a lost episode's stored transition (say 送审 before the 沟通 a person was
        // told was accepted) is not given: the event waits until the instance has made that transition.
        if (refusal is not null
            && !await _context.RecordOutcomeAsync(new OutcomeRecord(_state.ProposalId, new RequestOutcome(action.RequestId, false, refusal, _state.Stage, Now)) { AfterSequence = _state.Sequence }))
        {
            throw new TransitionConflictException(null);
        }

        if (refusal is not null)
        {
            // Replay-safe: said once, not again while the instance replays its history.
            var log = _context.CreateReplaySafeLogger(LifecycleLog.Category);
            LifecycleLog.Refused(log, _state.ProposalId, action.EventName, action.RequestId, _state.Stage, refusal);
        }
    }

    /// <summary>A lost episode's transition holds the next sequence; its key, when the activity could name it.</summary>
    private sealed class TransitionConflictException(string? holder) : Exception
    {
        public string? Holder { get; } = holder;
    }

    private sealed record Saved(ProposalSnapshot State, ProposalText Text, bool TextChanged, Notification[] PendingNotes, DateTime Now, Alarm? Scheduled, string[] FiredAlarms, string[] HandledRequests);

    private Saved Save() => new(_state, _text, _textChanged, _pendingNotes, _now, _scheduled, [.. _firedAlarms], [.. _handledRequests]);

    /// <summary>Back to before an event whose transition met a conflict: a handler may have changed state before committing.</summary>
    private void Restore(Saved saved)
    {
        (_state, _text, _textChanged, _pendingNotes, _now, _scheduled) = (saved.State, saved.Text, saved.TextChanged, saved.PendingNotes, saved.Now, saved.Scheduled);
        _firedAlarms.Clear();
        _firedAlarms.UnionWith(saved.FiredAlarms);
        _handledRequests.Clear();
        _handledRequests.UnionWith(saved.HandledRequests);
    }

    /// <summary>Applies a decision; returns the reason when it is refused.</summary>
    private Task<string?> HandleAsync(ProposalAction action) => action switch
    {
        CoSignAnswered a => DecideAsync(DecisionCatalog.CoSign, a, OnCoSignAsync),
        FilingDecided a => DecideAsync(DecisionCatalog.Filing, a, OnFilingAsync),
        Assigned a => DecideAsync(DecisionCatalog.Assign, a, OnAssignedAsync),
        SignedFor a => DecideAsync(DecisionCatalog.SignFor, a, OnSignedForAsync),
        ReassignmentRequested a => DecideAsync(DecisionCatalog.RequestReassignment, a, OnReassignmentRequestedAsync),
        ReassignmentDecided a => DecideAsync(DecisionCatalog.DecideReassignment, a, OnReassignmentDecidedAsync),
        ContactRecorded a => DecideAsync(DecisionCatalog.RecordContact, a, OnContactAsync),
        SubmittedForApproval a => DecideAsync(DecisionCatalog.SubmitForApproval, a, OnSubmittedAsync),
        ApprovalDecided a => DecideAsync(DecisionCatalog.Approve, a, OnApprovalAsync),
        ClerkReviewed a => DecideAsync(DecisionCatalog.ClerkReview, a, OnClerkReviewAsync),
        FeedbackGiven a => DecideAsync(DecisionCatalog.Feedback, a, OnFeedbackAsync),
        ExtensionRequested a => DecideAsync(DecisionCatalog.RequestExtension, a, OnExtensionRequestedAsync),
        ExtensionDecided a => DecideAsync(DecisionCatalog.DecideExtension, a, OnExtensionDecidedAsync),
        KeyItemMarked a => DecideAsync(DecisionCatalog.MarkKey, a, OnKeyItemAsync),
        ProposersMergedIn a => OnMergedInAsync(a),
        _ => Task.FromResult<string?>($"未知操作：{action.EventName}"),
    };

    // The descriptor's word first (who, when, what), as the API asked it before sending: the handler decides the rest.
    private Task<string?> DecideAsync<T>(Decision<T> decision, T action, Func<T, Task<string?>> handle)
        where T : ProposalAction =>
        decision.Check(action.Actor, _state) is { } refusal ? Task.FromResult<string?>(refusal.Message)
        : decision.ProblemsOf(action, _rules) is [var problem, ..] ? Task.FromResult<string?>(problem.Message)
        : handle(action);

    /// <summary>Records a new state: status, indexes, audit and notifications in one idempotent activity.</summary>
    private async Task CommitAsync(ProposalSnapshot next, Actor actor, string action, string? details, Notification[] notes, string? requestId = null)
    {
        var previous = _state.Sequence == 0 ? null : _state;
        next = next with { Sequence = _state.Sequence + 1, UpdatedAt = Now };
        var audit = new AuditEntry(next.Sequence, Now, actor.PersonId, actor.Name, actor.Role.ToString(), action, previous?.Stage, next.Stage, details);
        var outcome = requestId is null ? null : new RequestOutcome(requestId, true, null, next.Stage, Now);
        var alarm = next.IsFinal ? null : NextAlarm(next);
        var alarmChange = SameAlarm(alarm, _scheduled) ? null : new AlarmSetting(next.ProposalId, alarm?.Key, alarm?.At, _scheduled?.At);
        var cause = requestId ?? _cause;
        var holder = await _context.RecordTransitionAsync(new TransitionRecord(previous, next, audit, [.. _pendingNotes, .. notes], outcome, previous is null || _textChanged ? _text : null) { Alarm = alarmChange, Cause = cause });
        if (holder != cause)
        {
            throw new TransitionConflictException(holder);
        }

        _pendingNotes = [];
        _textChanged = false;
        var log = _context.CreateReplaySafeLogger(LifecycleLog.Category);
        LifecycleLog.Transition(log, next.ProposalId, next.Sequence, action, previous?.Stage, next.Stage, cause);
        _state = next;
        _scheduled = alarm;
    }

    /// <summary>Keeps the instance's alarm row in step with the alarm it waits for.</summary>
    private async Task ScheduleAsync(Alarm? alarm)
    {
        if (!SameAlarm(alarm, _scheduled))
        {
            await _context.SetAlarmAsync(new AlarmSetting(_state.ProposalId, alarm?.Key, alarm?.At, _scheduled?.At));
            _scheduled = alarm;
        }
    }

    private static bool SameAlarm(Alarm? a, Alarm? b) => a?.Key == b?.Key && a?.At == b?.At;

    private void AdvanceTo(DateTime at)
    {
        if (at > _now)
        {
            _now = at;
        }
    }

    private async Task<DateOnly> WorkingDaysAsync(DateOnly from, int days)
    {
        var result = await _context.PlanWorkingDaysAsync(new WorkingDaysRequest(from, days));
        if (result.Estimated)
        {
            _state = _state with { DueDateEstimated = true };
        }

        return result.Date;
    }

    private static string Cn(DateOnly date) => ChinaTime.Day(date);

    private static string Cn(DateOnly? date) => date is { } d ? Cn(d) : "—";
}
