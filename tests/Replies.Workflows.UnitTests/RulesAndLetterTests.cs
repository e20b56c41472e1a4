using System.ComponentModel.DataAnnotations;
using System.IO.Compression;
using Replies.Workflows.Letters;
using Replies.Workflows.Rules;

namespace Replies.Workflows.UnitTests;

public sealed class RulesAndLetterTests
{
    [Fact]
    public void The_default_profile_holds_the_common_values_of_the_regulations()
    {
        var rules = new RulesProfile();

        Assert.Equal((3, 6, 1, 5, 20, 1), (rules.ReplyMonths, rules.MaxExtensionMonths, rules.CoHandlingOpinionMonths, rules.ReassignmentWindowWorkingDays, rules.FeedbackWindowWorkingDays, rules.RehandlingMonths));
        Assert.True(rules.ContactRequired);
        Assert.Equal([ResultClass.A, ResultClass.B, ResultClass.C], rules.ResultClasses);
        Assert.Contains(ResultClass.D, new RulesProfile { UseClassD = true }.ResultClasses);
    }

    [Fact]
    public void A_profile_whose_extension_limit_is_below_the_reply_deadline_is_invalid()
    {
        var rules = new RulesProfile { ReplyMonths = 5, MaxExtensionMonths = 4, ReminderDaysBefore = [0] };

        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(rules, new ValidationContext(rules), errors, validateAllProperties: true);

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(RulesProfile.MaxExtensionMonths)));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(RulesProfile.ReminderDaysBefore)));
    }

    [Fact]
    public void The_reply_letter_is_a_docx_with_every_part_of_the_letter_layout()
    {
        var letter = new LetterContent("长科函〔2026〕12号", "李局长", "关于赵文栋委员《关于提升产业链内生动力的提案》提案的答复", "赵文栋委员：",
            ["您提出的《关于提升产业链内生动力的提案》收悉。现答复如下：", "一、工作开展情况", "感谢您对科技工作的关心和支持！"],
            "长治市科学技术局", new DateOnly(2026, 6, 1), ["市发展改革委"], "王明", "0355-1234567", Disclosure.Full);

        var bytes = LetterRenderer.Render(letter);
        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = reader.ReadToEnd();

        Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
        foreach (var part in new[] { "长科函〔2026〕12号", "签发人：李局长", "赵文栋委员：", "一、工作开展情况", "长治市科学技术局", "2026年6月1日", "抄送：市发展改革委。", "承办人：王明", "0355-1234567", "仿宋_GB2312", "w:top=\"2098\"" })
        {
            Assert.Contains(part, xml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Labels_speak_the_clerks_language()
    {
        Assert.Equal("建议", Labels.Noun(ProposalKind.Suggestion));
        Assert.Equal("委员", Labels.Title(ProposalKind.Proposal));
        Assert.Equal("基本满意", Labels.Of(Rating.BasicallySatisfied));
        Assert.StartsWith("B类", Labels.Of(ResultClass.B), StringComparison.Ordinal);
    }
}
