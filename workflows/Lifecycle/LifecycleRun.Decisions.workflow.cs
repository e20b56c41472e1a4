using Microsoft.DurableTask;
using Replies.Workflows.Rules;

namespace Replies.Workflows.Lifecycle;

internal sealed partial class LifecycleRun
{
    private string T => $"《{_state.Title}》";


    private async Task EnterFilingReviewAsync(Actor actor, string action)
    {
        var due = await WorkingDaysAsync(Today, _rules.FilingReviewWorkingDays);
        await CommitAsync(
            _state with { Stage = ProposalStage.FilingReview, FilingDue = due },
            actor,
            action,
            null,
            [new Notification(Recipients.ClerkOffice, NotificationKind.Task, $"新{Labels.Noun(_state.Kind)}{T}待立案审查（{_state.Proposer.Name}）。")]);
    }

    private async Task<string?> OnCoSignAsync(CoSignAnswered a)
    {

        var person = _state.PendingCoSigners.First(p => p.PersonId == a.Actor.PersonId);
        var pending = _state.PendingCoSigners.Where(p => p.PersonId != person.PersonId).ToList();
        var next = _state with
        {
            PendingCoSigners = pending,
            CoSigners = a.Confirmed ? [.. _state.CoSigners, person] : _state.CoSigners,
        };
        if (pending.Count == 0)
        {
            _state = next;
            _pendingNotes = [new Notification(Recipients.Person(_state.Proposer.PersonId), NotificationKind.Info, $"{person.Name}已{(a.Confirmed ? "确认" : "拒绝")}联名{T}。")];
            await EnterFilingReviewAsync(a.Actor, a.Confirmed ? "确认联名" : "拒绝联名");
            await _context.RecordOutcomeAsync(new OutcomeRecord(_state.ProposalId, new RequestOutcome(a.RequestId, true, null, _state.Stage, Now)));
            return null;
        }

        await CommitAsync(next, a.Actor, a.Confirmed ? "确认联名" : "拒绝联名", null,
            [new Notification(Recipients.Person(_state.Proposer.PersonId), NotificationKind.Info, $"{person.Name}已{(a.Confirmed ? "确认" : "拒绝")}联名{T}。")], a.RequestId);
        return null;
    }

    private async Task<string?> OnFilingAsync(FilingDecided a)
    {

        var proposer = Recipients.Person(_state.Proposer.PersonId);
        switch (a.Decision)
        {
            case FilingDecision.File:
                var number = await _context.AssignFilingNumberAsync(new FilingNumberRequest(_state.Session, _state.ProposalId));
                if (a.Asks is { Count: > 0 } asks)
                {
                    _text = _text with { Asks = asks };
                    _textChanged = true;
                }

                await CommitAsync(_state with { Stage = ProposalStage.AwaitingAssignment, FilingNumber = number }, a.Actor, "立案", a.Asks is { Count: > 0 } corrected ? $"第{number}号；建议事项调整为{corrected.Count}条" : $"第{number}号",
                    [new Notification(proposer, NotificationKind.Info, $"您的{Labels.Noun(_state.Kind)}{T}已立案，编号第{number}号。")], a.RequestId);
                return null;
            case FilingDecision.Merge:
                if (a.MergeInto == _state.ProposalId)
                {
                    return "不能并入本件自身。";
                }

                await _context.NotifyMergeTargetAsync(new MergeNotice(a.MergeInto!, _state.ProposalId, [.. _state.Recipients], a.Actor, Now));
                await CommitAsync(_state with { Stage = ProposalStage.Merged, MergedInto = a.MergeInto, ClosedAt = Now }, a.Actor, "并案", a.MergeInto,
                    [.. _state.Recipients.Select(p => new Notification(Recipients.Person(p.PersonId), NotificationKind.Info, $"{T}已与同类事项并案办理，答复将一并送达您。"))], a.RequestId);
                return null;
            default:
                await CommitAsync(_state with { Stage = ProposalStage.Declined, DeclineReason = a.Reason, ClosedAt = Now }, a.Actor, "不予立案", a.Reason,
                    [new Notification(proposer, NotificationKind.Info, $"{T}经审查不予立案，理由：{a.Reason}")], a.RequestId);
                return null;
        }
    }

    private async Task<string?> OnAssignedAsync(Assigned a)
    {

        var coHandlers = a.CoHandlers.Where(c => !string.IsNullOrWhiteSpace(c) && c != a.LeadDepartment).Distinct().ToList();
        await AssignAsync(a.LeadDepartment, coHandlers, a.Actor, "交办", a.RequestId);
        return null;
    }

    private async Task AssignAsync(string lead, IReadOnlyList<string> coHandlers, Actor actor, string action, string requestId)
    {
        var today = Today;
        var signOffDue = await WorkingDaysAsync(today, _rules.ReassignmentWindowWorkingDays);
        var replyDue = today.AddMonths(_rules.ReplyMonths);
        var newCoHandlers = coHandlers.Except(_state.CoHandlers).ToList();
        var notes = new List<Notification>
        {
            new(Recipients.Department(lead), NotificationKind.Task, $"{T}已交由贵单位主办，请于{Cn(signOffDue)}前签收，{Cn(replyDue)}前答复。"),
        };
        notes.AddRange(newCoHandlers.Select(c => new Notification(Recipients.Department(c), NotificationKind.Task, $"{T}请贵单位会办，会办意见请于{Cn(today.AddMonths(_rules.CoHandlingOpinionMonths))}前送主办单位{lead}。")));
        await CommitAsync(
            _state with
            {
                Stage = ProposalStage.AwaitingSignOff,
                LeadDepartment = lead,
                CoHandlers = coHandlers,
                AssignedAt = Now,
                SignOffDue = signOffDue,
                SignedDepartments = [.. _state.SignedDepartments.Where(coHandlers.Contains)],
                PendingReassignments = [],
                ReplyDue = replyDue,
                Overdue = false,
            },
            actor,
            action,
            $"主办：{lead}；会办：{(coHandlers.Count == 0 ? "无" : string.Join("、", coHandlers))}",
            [.. notes],
            requestId);

        foreach (var dept in newCoHandlers)
        {
            var input = new CoHandlingInput(_state.ProposalId, _state.Title, dept, lead, today.AddMonths(_rules.CoHandlingOpinionMonths), replyDue, _rules.ReminderDaysBefore) { At = Now };
            _coHandling.Add(_context.CallSubOrchestratorAsync<CoHandlingResult>(
                nameof(CoHandlingOpinion),
                input,
                new SubOrchestrationOptions(instanceId: CoHandlingOpinion.InstanceIdFor(_state.ProposalId, dept))));
        }
    }

    private async Task<string?> OnSignedForAsync(SignedFor a)
    {
        var dept = a.Actor.DepartmentId;

        var isLead = dept == _state.LeadDepartment;
        await CommitAsync(
            _state with
            {
                SignedDepartments = [.. _state.SignedDepartments, dept!],
                Stage = isLead && _state.Stage == ProposalStage.AwaitingSignOff ? ProposalStage.Drafting : _state.Stage,
            },
            a.Actor,
            isLead ? "主办单位签收" : "会办单位签收",
            dept,
            [],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnReassignmentRequestedAsync(ReassignmentRequested a)
    {
        var dept = a.Actor.DepartmentId;

        if (_state.SignOffDue is not { } due || Today > due)
        {
            return $"已超过调整申请期限（交办后{_rules.ReassignmentWindowWorkingDays}个工作日内，截止{Cn(_state.SignOffDue)}）。";
        }

        await CommitAsync(
            _state with { PendingReassignments = [.. _state.PendingReassignments, new PendingRequest(a.RequestId, dept!, a.Reason)] },
            a.Actor,
            "申请调整",
            a.Reason,
            [new Notification(Recipients.ClerkOffice, NotificationKind.Task, $"{dept}申请调整{T}的办理单位，理由：{a.Reason}")],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnReassignmentDecidedAsync(ReassignmentDecided a)
    {

        var pending = _state.PendingReassignments.FirstOrDefault(p => p.Department == a.Department);
        if (pending is null)
        {
            return $"{a.Department}没有待决定的调整申请。";
        }

        var remaining = _state.PendingReassignments.Where(p => p != pending).ToList();
        if (!a.Approved)
        {
            await CommitAsync(_state with { PendingReassignments = remaining }, a.Actor, "不同意调整", a.Comment,
                [new Notification(Recipients.Department(a.Department), NotificationKind.Task, $"贵单位关于{T}的调整申请未获同意，请签收办理。{a.Comment}")], a.RequestId);
            return null;
        }

        if (a.Department == _state.LeadDepartment)
        {
            if (string.IsNullOrWhiteSpace(a.NewLeadDepartment) || a.NewLeadDepartment == a.Department)
            {
                return "同意主办单位调整时须指定新的主办单位。";
            }

            _state = _state with { PendingReassignments = remaining };
            _pendingNotes = [new Notification(Recipients.Department(a.Department), NotificationKind.Info, $"贵单位关于{T}的调整申请已同意，改由{a.NewLeadDepartment}主办。")];
            var coHandlers = (a.NewCoHandlers ?? _state.CoHandlers).Where(c => c != a.NewLeadDepartment && c != a.Department).ToList();
            await AssignAsync(a.NewLeadDepartment, coHandlers, a.Actor, "调整主办单位", a.RequestId);
            return null;
        }

        await CommitAsync(
            _state with { PendingReassignments = remaining, CoHandlers = [.. _state.CoHandlers.Where(c => c != a.Department)] },
            a.Actor,
            "调整会办单位",
            a.Department,
            [new Notification(Recipients.Department(a.Department), NotificationKind.Info, $"贵单位关于{T}的调整申请已同意，不再会办。")],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnContactAsync(ContactRecorded a)
    {

        await CommitAsync(
            _state with { Contacts = [.. _state.Contacts, new ContactEntry(a.Date, a.Form, a.Summary, a.Actor.Name)], ContactInRound = true },
            a.Actor,
            "记录沟通",
            $"{Cn(a.Date)} {a.Form}：{a.Summary}",
            [],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnSubmittedAsync(SubmittedForApproval a)
    {

        if (_rules.ContactRequired && !_state.ContactInRound)
        {
            return "送审前须先与提出人沟通并记录沟通情况。";
        }

        await CommitAsync(
            _state with
            {
                Stage = ProposalStage.AwaitingApproval,
                DraftVersion = a.DraftVersion,
                ResultClass = a.ResultClass,
                Disclosure = a.Disclosure,
                HandlerName = a.HandlerName ?? a.Actor.Name,
                HandlerPhone = a.HandlerPhone,
                ReturnComments = null,
            },
            a.Actor,
            "送审",
            $"第{a.DraftVersion}稿，{Labels.Of(a.ResultClass)}",
            [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Approval, $"{T}答复稿（第{a.DraftVersion}稿）待领导审签。")],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnApprovalAsync(ApprovalDecided a)
    {

        if (!a.Approved)
        {
            await CommitAsync(_state with { Stage = ProposalStage.Drafting, ReturnComments = a.Comments }, a.Actor, "退回修改", a.Comments,
                [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Task, $"{T}答复稿被退回修改：{a.Comments}")], a.RequestId);
            return null;
        }

        _state = _state with { ApprovedBy = a.Actor.Name };
        if (_rules.ClerkReviewBeforeIssue)
        {
            await CommitAsync(_state with { Stage = ProposalStage.AwaitingClerkReview }, a.Actor, "审签同意", null,
                [new Notification(Recipients.ClerkOffice, NotificationKind.Task, $"{T}答复稿已审签，待督办审核。")], a.RequestId);
            return null;
        }

        await IssueAsync(a.Actor, "审签同意并答复", a.RequestId);
        return null;
    }

    private async Task<string?> OnClerkReviewAsync(ClerkReviewed a)
    {

        if (!a.Approved)
        {
            await CommitAsync(_state with { Stage = ProposalStage.Drafting, ReturnComments = a.Comments }, a.Actor, "督办审核退回", a.Comments,
                [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Task, $"{T}答复未通过督办审核：{a.Comments}")], a.RequestId);
            return null;
        }

        if (a.ResultClass is { } cls && cls != _state.ResultClass)
        {
            _state = _state with { ResultClass = cls };
        }

        await IssueAsync(a.Actor, "督办审核通过并答复", a.RequestId);
        return null;
    }

    private async Task IssueAsync(Actor actor, string action, string requestId)
    {
        var letter = await _context.RenderReplyLetterAsync(new LetterRequest(_state, _state.DraftVersion!.Value, _state.ApprovedBy ?? actor.Name, _rules.LetterPrefix, Now, _state.HandlerName, _state.HandlerPhone));
        var feedbackDue = await WorkingDaysAsync(Today, _rules.FeedbackWindowWorkingDays);
        var notes = _state.Recipients
            .Select(p => new Notification(Recipients.Person(p.PersonId), NotificationKind.Reply, $"{T}已答复（{letter.LetterNumber}），请于{Cn(feedbackDue)}前反馈意见。"))
            .Concat(_state.CoHandlers.Select(c => new Notification(Recipients.Department(c), NotificationKind.Info, $"抄送：{T}已由{_state.LeadDepartment}答复（{letter.LetterNumber}）。")))
            .Append(new Notification(Recipients.ClerkOffice, NotificationKind.Info, $"{T}已答复，{Labels.Of(_state.ResultClass!.Value)}。"))
            .ToArray();
        await CommitAsync(
            _state with
            {
                Stage = ProposalStage.AwaitingFeedback,
                Letters = [.. _state.Letters, letter],
                RepliedAt = Now,
                RepliedOnTime = _state.ReplyDue is not { } due || Today <= due,
                FeedbackDue = feedbackDue,
            },
            actor,
            action,
            letter.LetterNumber,
            notes,
            requestId);
    }

    private async Task<string?> OnFeedbackAsync(FeedbackGiven a)
    {

        if (a.Rating != Rating.Unsatisfied || _state.RehandlingRound >= _rules.MaxRehandlingRounds)
        {
            await CommitAsync(_state with { Stage = ProposalStage.Closed, Rating = a.Rating, FeedbackComment = a.Comment, ClosedAt = Now }, a.Actor,
                $"反馈{Labels.Of(a.Rating)}，办结", a.Comment,
                [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Info, $"{T}提出人反馈：{Labels.Of(a.Rating)}。{a.Comment}")], a.RequestId);
            return null;
        }

        var round = _state.RehandlingRound + 1;
        var due = Today.AddMonths(_rules.RehandlingMonths);
        await CommitAsync(
            _state with
            {
                Stage = ProposalStage.Drafting,
                Rating = a.Rating,
                FeedbackComment = a.Comment,
                RehandlingRound = round,
                ReplyDue = due,
                ContactInRound = false,
                Overdue = false,
                FeedbackDue = null,
            },
            a.Actor,
            "反馈不满意，重新办理",
            a.Comment,
            [new Notification(Recipients.Department(_state.LeadDepartment!), NotificationKind.Task, $"{T}提出人不满意，请重新办理（第{round}轮），当面沟通后于{Cn(due)}前再次答复。意见：{a.Comment}"),
             new Notification(Recipients.ClerkOffice, NotificationKind.Info, $"{T}提出人不满意，已转重新办理。")],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnExtensionRequestedAsync(ExtensionRequested a)
    {

        if (_state.ReplyDue is { } due && a.Until <= due)
        {
            return $"延期后的期限须晚于现期限{Cn(due)}。";
        }

        await CommitAsync(_state with { PendingExtension = new PendingRequest(a.RequestId, a.Actor.DepartmentId!, a.Reason, a.Until) }, a.Actor, "申请延期",
            $"至{Cn(a.Until)}：{a.Reason}",
            [new Notification(Recipients.ClerkOffice, NotificationKind.Task, $"{_state.LeadDepartment}申请将{T}答复期限延至{Cn(a.Until)}，理由：{a.Reason}")], a.RequestId);
        return null;
    }

    private async Task<string?> OnExtensionDecidedAsync(ExtensionDecided a)
    {

        var pending = _state.PendingExtension!;
        var lead = Recipients.Department(_state.LeadDepartment!);
        if (!a.Approved)
        {
            await CommitAsync(_state with { PendingExtension = null }, a.Actor, "不同意延期", a.Comment,
                [new Notification(lead, NotificationKind.Task, $"{T}延期申请未获同意，请于{Cn(_state.ReplyDue)}前答复。{a.Comment}")], a.RequestId);
            return null;
        }

        var until = a.Until ?? pending.Until!.Value;
        var limit = ChinaTime.DateOf(_state.AssignedAt!.Value).AddMonths(_rules.MaxExtensionMonths);
        if (until > limit)
        {
            return $"延期不得超过交办之日起{_rules.MaxExtensionMonths}个月（{Cn(limit)}）。";
        }

        await CommitAsync(
            _state with { PendingExtension = null, ReplyDue = until, ExtensionsGranted = _state.ExtensionsGranted + 1, Overdue = false },
            a.Actor,
            "同意延期",
            $"至{Cn(until)}",
            [new Notification(lead, NotificationKind.Info, $"{T}答复期限已延至{Cn(until)}，请向提出人书面说明延期原因。"),
             new Notification(Recipients.Person(_state.Proposer.PersonId), NotificationKind.Info, $"{T}答复期限经批准延至{Cn(until)}。")],
            a.RequestId);
        return null;
    }

    private async Task<string?> OnKeyItemAsync(KeyItemMarked a)
    {

        await CommitAsync(_state with { IsKey = a.IsKey, SupervisingLeader = a.SupervisingLeader }, a.Actor, a.IsKey ? "列为重点" : "取消重点", a.SupervisingLeader, [], a.RequestId);
        return null;
    }

    private async Task<string?> OnMergedInAsync(ProposersMergedIn a)
    {
        if (_state.IsFinal)
        {
            return $"本件当前处于「{Labels.Of(_state.Stage)}」阶段，不能并入其他件。";
        }

        var added = a.Proposers.Where(p => _state.Recipients.All(r => r.PersonId != p.PersonId)).ToList();
        await CommitAsync(_state with { MergedProposers = [.. _state.MergedProposers, .. added], MergedFrom = [.. _state.MergedFrom, a.FromProposalId] },
            a.Actor, "并入", a.FromProposalId, [], a.RequestId);
        return null;
    }
}
