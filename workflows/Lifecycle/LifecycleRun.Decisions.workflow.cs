using Microsoft.DurableTask;
using Replies.Workflows.Rules;

namespace Replies.Workflows.Lifecycle;

internal sealed partial class LifecycleRun
{
    private string T => $"《{_state.Title}》";


    // Who may act is Permissions' rule; the messages are the orchestration's own answers to a decision it refuses.
    private string? Refused(string action, Actor actor) => Permissions.Of(action) is var p && p.IsAllowed(actor, _state) ? null : p.Refusal;

    private string StageRefusal(string verb) => $"当前阶段为「{Labels.Of(_state.Stage)}」，不能{verb}。";

    private static Task<string?> Refuse(string reason) => Task.FromResult<string?>(reason);

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
        if (_state.Stage != ProposalStage.CoSigning)
        {
            return "联名确认期已结束。";
        }

        var person = _state.PendingCoSigners.FirstOrDefault(p => p.PersonId == a.Actor.PersonId);
        if (person is null)
        {
            return "您不在本件的待确认联名人之列。";
        }

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
            await _context.CallWithRetryAsync<bool>(nameof(RecordOutcome), new OutcomeRecord(_state.ProposalId, new RequestOutcome(a.RequestId, true, null, _state.Stage, Now)));
            return null;
        }

        await CommitAsync(next, a.Actor, a.Confirmed ? "确认联名" : "拒绝联名", null,
            [new Notification(Recipients.Person(_state.Proposer.PersonId), NotificationKind.Info, $"{person.Name}已{(a.Confirmed ? "确认" : "拒绝")}联名{T}。")], a.RequestId);
        return null;
    }

    private async Task<string?> OnFilingAsync(FilingDecided a)
    {
        if (Refused("filing", a.Actor) is { } notClerk)
        {
            return notClerk;
        }

        if (_state.Stage != ProposalStage.FilingReview)
        {
            return StageRefusal("进行立案审查");
        }

        var proposer = Recipients.Person(_state.Proposer.PersonId);
        switch (a.Decision)
        {
            case FilingDecision.File:
                var number = await _context.CallWithRetryAsync<int>(nameof(AssignFilingNumber), new FilingNumberRequest(_state.Session, _state.ProposalId));
                if (a.Asks is { Count: > 0 } asks)
                {
                    _text = _text with { Asks = asks };
                    _textChanged = true;
                }

                await CommitAsync(_state with { Stage = ProposalStage.AwaitingAssignment, FilingNumber = number }, a.Actor, "立案", a.Asks is { Count: > 0 } corrected ? $"第{number}号；建议事项调整为{corrected.Count}条" : $"第{number}号",
                    [new Notification(proposer, NotificationKind.Info, $"您的{Labels.Noun(_state.Kind)}{T}已立案，编号第{number}号。")], a.RequestId);
                return null;
            case FilingDecision.Merge:
                if (string.IsNullOrWhiteSpace(a.MergeInto) || a.MergeInto == _state.ProposalId)
                {
                    return "并案须指定另一件建议或提案。";
                }

                await _context.CallWithRetryAsync<bool>(nameof(NotifyMergeTarget), new MergeNotice(a.MergeInto, _state.ProposalId, [.. _state.Recipients], a.Actor, Now));
                await CommitAsync(_state with { Stage = ProposalStage.Merged, MergedInto = a.MergeInto, ClosedAt = Now }, a.Actor, "并案", a.MergeInto,
                    [.. _state.Recipients.Select(p => new Notification(Recipients.Person(p.PersonId), NotificationKind.Info, $"{T}已与同类事项并案办理，答复将一并送达您。"))], a.RequestId);
                return null;
            default:
                if (string.IsNullOrWhiteSpace(a.Reason))
                {
                    return "不予立案须说明理由。";
                }

                await CommitAsync(_state with { Stage = ProposalStage.Declined, DeclineReason = a.Reason, ClosedAt = Now }, a.Actor, "不予立案", a.Reason,
                    [new Notification(proposer, NotificationKind.Info, $"{T}经审查不予立案，理由：{a.Reason}")], a.RequestId);
                return null;
        }
    }

    private async Task<string?> OnAssignedAsync(Assigned a)
    {
        if (Refused("assign", a.Actor) is { } notClerk)
        {
            return notClerk;
        }

        if (_state.Stage != ProposalStage.AwaitingAssignment)
        {
            return StageRefusal("交办");
        }

        if (string.IsNullOrWhiteSpace(a.LeadDepartment))
        {
            return "须指定一个主办单位。";
        }

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
        if (Refused("signFor", a.Actor) is { } notHandling)
        {
            return notHandling;
        }

        if (_state.Stage is ProposalStage.CoSigning or ProposalStage.FilingReview or ProposalStage.AwaitingAssignment || _state.IsFinal)
        {
            return StageRefusal("签收");
        }

        if (_state.SignedDepartments.Contains(dept!))
        {
            return "贵单位已签收本件。";
        }

        if (_state.PendingReassignments.Any(p => p.Department == dept))
        {
            return "贵单位的调整申请尚待交办部门决定。";
        }

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
        if (Refused("requestReassignment", a.Actor) is { } notHandling)
        {
            return notHandling;
        }

        if (_state.SignedDepartments.Contains(dept!))
        {
            return "贵单位已签收本件，不能再申请调整。";
        }

        if (_state.SignOffDue is not { } due || Today > due)
        {
            return $"已超过调整申请期限（交办后{_rules.ReassignmentWindowWorkingDays}个工作日内，截止{Cn(_state.SignOffDue)}）。";
        }

        if (string.IsNullOrWhiteSpace(a.Reason))
        {
            return "申请调整须说明理由。";
        }

        if (_state.PendingReassignments.Any(p => p.Department == dept))
        {
            return "贵单位已提出调整申请，尚待决定。";
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
        if (Refused("decideReassignment", a.Actor) is { } notClerk)
        {
            return notClerk;
        }

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
        if (Refused("recordContact", a.Actor) is { } notLead)
        {
            return notLead;
        }

        if (_state.Stage is not (ProposalStage.Drafting or ProposalStage.AwaitingApproval or ProposalStage.AwaitingClerkReview or ProposalStage.AwaitingSignOff))
        {
            return StageRefusal("记录沟通");
        }

        if (string.IsNullOrWhiteSpace(a.Form) || string.IsNullOrWhiteSpace(a.Summary))
        {
            return "请填写沟通方式和沟通情况。";
        }

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
        if (Refused("submitForApproval", a.Actor) is { } notLead)
        {
            return notLead;
        }

        if (_state.Stage != ProposalStage.Drafting)
        {
            return StageRefusal("送审");
        }

        if (_rules.ContactRequired && !_state.ContactInRound)
        {
            return "送审前须先与提出人沟通并记录沟通情况。";
        }

        if (!_rules.ResultClasses.Contains(a.ResultClass))
        {
            return $"办理结果须为{string.Join("、", _rules.ResultClasses)}类之一。";
        }

        if (a.DraftVersion < 1)
        {
            return "请指定要送审的答复稿版本。";
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
        if (Refused("approve", a.Actor) is { } notLeader)
        {
            return notLeader;
        }

        if (_state.Stage != ProposalStage.AwaitingApproval)
        {
            return StageRefusal("审签") + "（可能已由他人处理）";
        }

        if (!a.Approved)
        {
            if (string.IsNullOrWhiteSpace(a.Comments))
            {
                return "退回修改须填写意见。";
            }

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
        if (Refused("clerkReview", a.Actor) is { } notClerk)
        {
            return notClerk;
        }

        if (_state.Stage != ProposalStage.AwaitingClerkReview)
        {
            return StageRefusal("督办审核") + "（可能已由他人处理）";
        }

        if (a.ResultClass is { } changed && !_rules.ResultClasses.Contains(changed))
        {
            return $"办理结果须为{string.Join("、", _rules.ResultClasses)}类之一。";
        }

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
        var letter = await _context.CallWithRetryAsync<LetterInfo>(
            nameof(RenderReplyLetter),
            new LetterRequest(_state, _state.DraftVersion!.Value, _state.ApprovedBy ?? actor.Name, _rules.LetterPrefix, Now, _state.HandlerName, _state.HandlerPhone));
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
        if (Refused("feedback", a.Actor) is { } notProposer)
        {
            return notProposer;
        }

        if (_state.Stage != ProposalStage.AwaitingFeedback)
        {
            return StageRefusal("反馈意见");
        }

        if (a.Rating == Rating.NoAnswer)
        {
            return "请选择满意、基本满意或不满意。";
        }

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
        if (Refused("requestExtension", a.Actor) is { } notLead)
        {
            return notLead;
        }

        if (_state.Stage is not (ProposalStage.Drafting or ProposalStage.AwaitingApproval or ProposalStage.AwaitingClerkReview or ProposalStage.AwaitingSignOff))
        {
            return StageRefusal("申请延期");
        }

        if (string.IsNullOrWhiteSpace(a.Reason))
        {
            return "申请延期须说明理由。";
        }

        if (_state.ReplyDue is { } due && a.Until <= due)
        {
            return $"延期后的期限须晚于现期限{Cn(due)}。";
        }

        if (_state.PendingExtension is not null)
        {
            return "已有延期申请待决定。";
        }

        await CommitAsync(_state with { PendingExtension = new PendingRequest(a.RequestId, a.Actor.DepartmentId!, a.Reason, a.Until) }, a.Actor, "申请延期",
            $"至{Cn(a.Until)}：{a.Reason}",
            [new Notification(Recipients.ClerkOffice, NotificationKind.Task, $"{_state.LeadDepartment}申请将{T}答复期限延至{Cn(a.Until)}，理由：{a.Reason}")], a.RequestId);
        return null;
    }

    private async Task<string?> OnExtensionDecidedAsync(ExtensionDecided a)
    {
        if (Refused("decideExtension", a.Actor) is { } notClerk)
        {
            return notClerk;
        }

        if (_state.PendingExtension is not { } pending)
        {
            return "没有待决定的延期申请。";
        }

        var lead = Recipients.Department(_state.LeadDepartment!);
        if (!a.Approved)
        {
            await CommitAsync(_state with { PendingExtension = null }, a.Actor, "不同意延期", a.Comment,
                [new Notification(lead, NotificationKind.Task, $"{T}延期申请未获同意，请于{Cn(_state.ReplyDue)}前答复。{a.Comment}")], a.RequestId);
            return null;
        }

        var until = a.Until ?? pending.Until!.Value;
        var limit = DateOnly.FromDateTime(_state.AssignedAt!.Value + ChinaTime.Offset).AddMonths(_rules.MaxExtensionMonths);
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
        if (Refused("markKey", a.Actor) is { } notClerk)
        {
            return notClerk;
        }

        if (_state.IsFinal)
        {
            return StageRefusal("确定重点");
        }

        await CommitAsync(_state with { IsKey = a.IsKey, SupervisingLeader = a.SupervisingLeader }, a.Actor, a.IsKey ? "列为重点" : "取消重点", a.SupervisingLeader, [], a.RequestId);
        return null;
    }

    private async Task<string?> OnMergedInAsync(ProposersMergedIn a)
    {
        if (_state.IsFinal)
        {
            return StageRefusal("并案");
        }

        var added = a.Proposers.Where(p => _state.Recipients.All(r => r.PersonId != p.PersonId)).ToList();
        await CommitAsync(_state with { MergedProposers = [.. _state.MergedProposers, .. added], MergedFrom = [.. _state.MergedFrom, a.FromProposalId] },
            a.Actor, "并入", a.FromProposalId, [], a.RequestId);
        return null;
    }
}
