using Replies.Workflows.Rules;
namespace Replies.Workflows.Lifecycle;

internal sealed partial class LifecycleRun
{
    private enum AlarmKind
    {
        CoSignWindow,
        FilingDue,
        SignOffWindow,
        ReplyReminder,
        ReplyDue,
        FeedbackReminder,
        FeedbackWindow,
    }

    private readonly record struct Alarm(string Key, DateTime At, AlarmKind Kind, DateOnly Due);

    /// <summary>The next deadline event of <paramref name="state"/>'s stage that has not gone off yet.</summary>
    private Alarm? NextAlarm(ProposalSnapshot state)
    {
        var candidates = new List<Alarm>();
        void Add(AlarmKind kind, DateOnly? due, string key, DateTime? at = null)
        {
            if (due is { } d)
            {
                var alarm = new Alarm($"{key}:{d:yyyyMMdd}", at ?? ChinaTime.EndOf(d), kind, d);
                if (!_firedAlarms.Contains(alarm.Key))
                {
                    candidates.Add(alarm);
                }
            }
        }

        switch (state.Stage)
        {
            case ProposalStage.CoSigning:
                Add(AlarmKind.CoSignWindow, state.CoSignDue, "cosign");
                break;
            case ProposalStage.FilingReview:
                Add(AlarmKind.FilingDue, state.FilingDue, "filing");
                break;
            case ProposalStage.AwaitingSignOff:
                Add(AlarmKind.SignOffWindow, state.SignOffDue, "signoff");
                break;
            case ProposalStage.Drafting or ProposalStage.AwaitingApproval or ProposalStage.AwaitingClerkReview:
                if (state.ReplyDue is { } due)
                {
                    foreach (var (days, at) in Reminders(_rules.ReminderDaysBefore, due))
                    {
                        Add(AlarmKind.ReplyReminder, due, $"remind{days}", at);
                    }

                    Add(AlarmKind.ReplyDue, due, "due");
                }

                break;
            case ProposalStage.AwaitingFeedback:
                if (state.FeedbackDue is { } feedbackDue)
                {
                    foreach (var (days, at) in Reminders(_rules.FeedbackReminderDaysBefore, feedbackDue))
                    {
                        Add(AlarmKind.FeedbackReminder, feedbackDue, $"fbremind{days}", at);
                    }
                }

                Add(AlarmKind.FeedbackWindow, state.FeedbackDue, "feedback");
                break;
        }

        return candidates.Count == 0 ? null : candidates.MinBy(a => a.At);
    }

    // Reminders still due go out in order; of those already past (the item was busy, or the deadline was set late)
    // only the most urgent is sent, and none once the deadline itself has passed.
    private IEnumerable<(int Days, DateTime At)> Reminders(IEnumerable<int> daysBefore, DateOnly due)
    {
        var reminders = daysBefore.Distinct().Select(days => (Days: days, At: ChinaTime.EndOf(due.AddDays(-days)))).ToList();
        var latestPast = reminders.Where(r => r.At <= Now).OrderByDescending(r => r.At).Take(1);
        return reminders.Where(r => r.At > Now).Concat(ChinaTime.EndOf(due) > Now ? latestPast : []);
    }

    private async Task OnAlarmAsync(Alarm alarm)
    {
        var system = new Actor("system", "系统", Role.Administrator);
        var title = $"《{_state.Title}》";
        switch (alarm.Kind)
        {
            case AlarmKind.CoSignWindow:
                var missing = string.Join("、", _state.PendingCoSigners.Select(p => p.Name));
                _state = _state with { PendingCoSigners = [] };
                _pendingNotes = [new Notification(Recipients.Person(_state.Proposer.PersonId), NotificationKind.Info, $"{title}联名确认期已满，{missing}未确认，不列为联名人。")];
                await EnterFilingReviewAsync(system, "联名确认期满");
                break;
            case AlarmKind.FilingDue:
                await NotifyAsync(alarm.Key, [new Notification(Recipients.ClerkOffice, NotificationKind.Escalation, $"{title}立案审查已于{Cn(alarm.Due)}到期，请尽快审查。")]);
                break;
            case AlarmKind.SignOffWindow:
                await CommitAsync(
                    _state with { Stage = ProposalStage.Drafting, SignedDepartments = [.. _state.SignedDepartments.Append(_state.LeadDepartment!).Distinct()] },
                    system,
                    "逾期未签收，视为签收",
                    null,
                    [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Escalation, $"{title}签收期限已过，视为已签收，请于{Cn(_state.ReplyDue)}前答复。"),
                     new Notification(Recipients.ClerkOffice, NotificationKind.Info, $"{title}主办单位{_state.LeadDepartment}逾期未签收，已视为签收。")]);
                break;
            case AlarmKind.ReplyReminder:
                await NotifyAsync(alarm.Key, [
                    new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Reminder, $"催办：{title}将于{Cn(alarm.Due)}到期，请抓紧办理答复。"),
                    new Notification(Recipients.ClerkOffice, NotificationKind.Reminder, $"{title}将于{Cn(alarm.Due)}到期，主办单位：{_state.LeadDepartment}。")]);
                break;
            case AlarmKind.ReplyDue:
                await CommitAsync(
                    _state with { Overdue = true },
                    system,
                    "超期督办",
                    $"答复期限{Cn(alarm.Due)}",
                    [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Escalation, $"督办：{title}已超过答复期限（{Cn(alarm.Due)}），请立即答复并说明原因。"),
                     new Notification(Recipients.ClerkOffice, NotificationKind.Escalation, $"{title}已超期，主办单位：{_state.LeadDepartment}。")]);
                break;
            case AlarmKind.FeedbackReminder:
                await NotifyAsync(alarm.Key, [
                    new Notification(Recipients.Person(_state.Proposer.PersonId), NotificationKind.Reminder, $"请于{Cn(alarm.Due)}前对{title}的答复提出意见（满意度测评），逾期未反馈将按未反馈办结。")]);
                break;
            case AlarmKind.FeedbackWindow:
                await CommitAsync(
                    _state with { Stage = ProposalStage.Closed, Rating = Rating.NoAnswer, ClosedAt = Now },
                    system,
                    "征询意见期满未反馈，办结",
                    null,
                    [new Notification(Recipients.ClerkOffice, NotificationKind.Info, $"{title}征询意见期满未收到反馈，已办结。")]);
                break;
        }
    }

    private Task NotifyAsync(string key, Notification[] notes) =>
        _context.QueueNotificationsAsync(new NotificationBatch(_state.ProposalId, key.Replace(':', '-'), Now, notes));
}
