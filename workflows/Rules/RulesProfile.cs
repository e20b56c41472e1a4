using System.ComponentModel.DataAnnotations;

namespace Replies.Workflows.Rules;

/// <summary>
/// The local rules of proposal handling as configuration (section <c>Replies:Rules</c>), with the common values of
/// the domain document as defaults. Validated at start-up, so a wrong profile stops the app instead of failing a
/// proposal in month two.
/// </summary>
public sealed class RulesProfile : IValidatableObject
{
    /// <summary>Calendar months from assignment to the reply deadline (答复期限).</summary>
    [Range(1, 12)]
    public int ReplyMonths { get; set; } = 3;

    /// <summary>Calendar months from assignment that no extension (延期) may pass.</summary>
    [Range(1, 24)]
    public int MaxExtensionMonths { get; set; } = 6;

    /// <summary>Calendar months from assignment for a co-handler's opinion (会办意见).</summary>
    [Range(1, 6)]
    public int CoHandlingOpinionMonths { get; set; } = 1;

    /// <summary>Working days after assignment in which a department signs for (签收) or asks for re-assignment.</summary>
    [Range(1, 30)]
    public int ReassignmentWindowWorkingDays { get; set; } = 5;

    /// <summary>Working days co-signers (联名) have to confirm.</summary>
    [Range(1, 30)]
    public int CoSignWindowWorkingDays { get; set; } = 5;

    /// <summary>Working days the clerk office has for filing review before it is reminded.</summary>
    [Range(1, 60)]
    public int FilingReviewWorkingDays { get; set; } = 10;

    /// <summary>Working days the proposer has to give feedback (征询意见).</summary>
    [Range(1, 60)]
    public int FeedbackWindowWorkingDays { get; set; } = 20;

    /// <summary>Calendar months for re-handling (重新办理) after 不满意.</summary>
    [Range(1, 6)]
    public int RehandlingMonths { get; set; } = 1;

    /// <summary>Rounds of re-handling at most; 不满意 after the last closes the item as unsatisfied.</summary>
    [Range(0, 5)]
    public int MaxRehandlingRounds { get; set; } = 1;

    /// <summary>Whether a contact with the proposer must be recorded before a draft goes for approval.</summary>
    public bool ContactRequired { get; set; } = true;

    /// <summary>Whether the clerk office reviews an approved reply before it is issued (督办审核).</summary>
    public bool ClerkReviewBeforeIssue { get; set; }

    /// <summary>Whether class D (留作参考) is used beside A, B and C.</summary>
    public bool UseClassD { get; set; }

    /// <summary>Days before a deadline at which a reminder (催办) goes out; an escalation (督办) follows at the deadline.</summary>
    public int[] ReminderDaysBefore { get; set; } = [15, 5];

    /// <summary>
    /// Days before the feedback window closes at which the proposer is reminded to rate the reply (征询意见提醒);
    /// an item not rated by then closes without a rating.
    /// </summary>
    public int[] FeedbackReminderDaysBefore { get; set; } = [5];

    /// <summary>Notices that go by SMS even in quiet hours (22:00 to 08:00 China time); the rest are held until 08:00.</summary>
    public Lifecycle.NotificationKind[] UrgentNoticeKinds { get; set; } = [Lifecycle.NotificationKind.Escalation];

    /// <summary>Longest proposal body in characters.</summary>
    [Range(100, 100_000)]
    public int MaxBodyLength { get; set; } = 2500;

    /// <summary>The issuing office's letter prefix for 发文字号, e.g. 长科函 in 长科函〔2026〕12号.</summary>
    [Required]
    public string LetterPrefix { get; set; } = "政办函";

    /// <summary>The result classes this profile uses.</summary>
    public IReadOnlyList<ResultClass> ResultClasses => UseClassD
        ? [ResultClass.A, ResultClass.B, ResultClass.C, ResultClass.D]
        : [ResultClass.A, ResultClass.B, ResultClass.C];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxExtensionMonths < ReplyMonths)
        {
            yield return new ValidationResult("MaxExtensionMonths must be at least ReplyMonths.", [nameof(MaxExtensionMonths)]);
        }

        if (ReminderDaysBefore.Any(d => d <= 0))
        {
            yield return new ValidationResult("ReminderDaysBefore must hold positive numbers.", [nameof(ReminderDaysBefore)]);
        }

        if (FeedbackReminderDaysBefore.Any(d => d <= 0))
        {
            yield return new ValidationResult("FeedbackReminderDaysBefore must hold positive numbers.", [nameof(FeedbackReminderDaysBefore)]);
        }
    }
}
