using System.ComponentModel.DataAnnotations;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Replies.Workflows.Letters;
using Replies.Workflows.Lifecycle;
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

    private static LetterContent Letter(IReadOnlyList<string>? body = null, string? phone = "0355-1234567") =>
        new("长科函〔2026〕12号", "李局长", "对市政协十三届三次会议第12号提案的答复", "赵文栋委员：",
            body ?? ["您提出的《关于提升产业链内生动力的提案》收悉。现答复如下：", "一、工作开展情况", "（一）培育科技型企业", "感谢您对科技工作的关心和支持！"],
            "长治市科学技术局", new DateOnly(2026, 6, 1), ["市发展改革委"], "王明", phone, Disclosure.Full);

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static void AssertValid(WordprocessingDocument doc)
    {
        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void The_reply_letter_is_a_valid_docx_with_every_part_of_the_letter_layout()
    {
        using var doc = Open(LetterRenderer.Render(Letter()));
        AssertValid(doc);
        var xml = doc.MainDocumentPart!.Document.OuterXml;
        foreach (var part in new[] { "长科函〔2026〕12号", "对市政协十三届三次会议第12号提案的答复", "赵文栋委员：", "一、工作开展情况", "长治市科学技术局", "2026年6月1日", "抄送：市发展改革委。", "承办人：王明", "0355-1234567", "仿宋_GB2312", "w:top=\"2098\"" })
        {
            Assert.Contains(part, xml, StringComparison.Ordinal);
        }

        // A reply to a deputy or member goes to no higher authority: no 签发人 on the 发文字号 line.
        Assert.DoesNotContain("签发人", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_take_their_faces_and_paragraphs_keep_a_two_character_indent_in_twips()
    {
        using var doc = Open(LetterRenderer.Render(Letter()));
        var paragraphs = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
        Paragraph Of(string text) => paragraphs.Single(p => p.InnerText == text);
        string? Face(Paragraph p) => p.Descendants<RunFonts>().First().EastAsia?.Value;
        Assert.Equal("黑体", Face(Of("一、工作开展情况")));
        Assert.Equal("楷体_GB2312", Face(Of("（一）培育科技型企业")));
        Assert.Equal("仿宋_GB2312", Face(Of("感谢您对科技工作的关心和支持！")));
        Assert.Equal("方正小标宋简体", Face(Of("对市政协十三届三次会议第12号提案的答复")));
        var indent = Of("感谢您对科技工作的关心和支持！").Descendants<Indentation>().Single();
        Assert.Equal("640", indent.FirstLine?.Value);
        Assert.Equal(200, indent.FirstLineChars?.Value);
        // Fallback faces are named for machines without the 方正 and _GB2312 fonts.
        var fonts = doc.MainDocumentPart.FontTablePart!.Fonts!.Elements<Font>().ToDictionary(f => f.Name!.Value!, f => f.AltName?.Val?.Value);
        Assert.Equal("宋体", fonts["仿宋_GB2312"]);
        Assert.Equal("宋体", fonts["方正小标宋简体"]);
    }

    [Fact]
    public void Pages_are_numbered_in_dashes_at_the_outside_corners()
    {
        using var doc = Open(LetterRenderer.Render(Letter()));
        var main = doc.MainDocumentPart!;
        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        var section = main.Document.Body!.GetFirstChild<SectionProperties>()!;
        var footers = section.Elements<FooterReference>().ToDictionary(r => r.Type!.Value, r => (FooterPart)main.GetPartById(r.Id!.Value!));
        foreach (var (type, side) in new[] { (HeaderFooterValues.Default, JustificationValues.Right), (HeaderFooterValues.Even, JustificationValues.Left) })
        {
            var footer = footers[type].Footer!;
            Assert.Equal(side, footer.Descendants<Justification>().Single().Val!.Value);
            Assert.Contains("PAGE", footer.Descendants<FieldCode>().Single().Text, StringComparison.Ordinal);
            Assert.StartsWith("— ", footer.InnerText, StringComparison.Ordinal);
            Assert.EndsWith(" —", footer.InnerText, StringComparison.Ordinal);
            Assert.Equal("28", footer.Descendants<FontSize>().First().Val!.Value);
        }
    }

    [Fact]
    public void The_salutation_appears_once_and_an_unknown_phone_leaves_no_empty_line()
    {
        var own = Letter(["赵文栋委员：", "您提出的《关于提升产业链内生动力的提案》收悉。现答复如下：", "一、工作开展情况"], phone: null);
        var lines = LetterRenderer.Lines(own);
        Assert.Single(lines, l => l == "赵文栋委员：");
        Assert.Contains("承办人：王明", lines);
        Assert.DoesNotContain(lines, l => l.Contains("联系电话", StringComparison.Ordinal));
        using var doc = Open(LetterRenderer.Render(own));
        Assert.Single(doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>(), p => p.InnerText == "赵文栋委员：");
        AssertValid(doc);

        var added = LetterRenderer.Lines(Letter());
        Assert.Single(added, l => l == "赵文栋委员：");
    }

    [Fact]
    public void The_letter_names_the_item_once_by_its_number_or_its_title()
    {
        var filed = new ProposalSnapshot { ProposalId = "x", Kind = ProposalKind.Suggestion, Session = "市人大十二届三次会议", Title = "关于加强科技创新促进产业发展的建议", Proposer = new Person("ye", "叶元朋"), Category = "科技创新", FilingNumber = 12 };
        Assert.Equal("对市人大十二届三次会议第12号建议的答复", RenderReplyLetter.TitleOf(filed));
        var unnumbered = filed with { FilingNumber = null };
        Assert.Equal("关于叶元朋代表《关于加强科技创新促进产业发展的建议》的答复", RenderReplyLetter.TitleOf(unnumbered));
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
