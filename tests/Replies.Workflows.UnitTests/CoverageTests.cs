using Replies.Workflows.Coverage;
using Replies.Workflows.Intake;

namespace Replies.Workflows.UnitTests;

/// <summary>Asks split from a proposal, passages from a reply, and which passage answers which ask.</summary>
public sealed class CoverageTests
{
    private const string Proposal = """
        关于加快发展城市社区养老服务的建议
        我市60岁以上老年人口已超过百万，社区养老服务供给不足，一是设施少，二是服务单一，群众反映强烈。
        为此，建议：
        一是加大社区养老服务设施建设力度，新建住宅小区按标准配建养老服务用房，老旧小区通过购置、租赁等方式补齐。
        二是完善居家养老上门服务，推行家庭养老床位，为失能、半失能老人提供助餐、助浴、助医服务。
        三是加强养老护理人才队伍建设，提高护理员薪酬待遇，开展护理员职业技能培训。
        四是引导社会资本参与养老服务，落实税费减免和用地保障政策。
        以上建议，请予考虑。
        """;

    private static readonly string[] Answers =
    [
        "（一）补齐社区养老服务设施。我局会同自然资源部门出台配建办法，要求新建住宅小区按每百户不少于20平方米配建养老服务用房，2024年已新建社区养老服务中心36个；老旧小区通过购置、租赁等方式补齐设施。",
        "（二）发展居家上门服务。开展家庭养老床位试点，累计建成家庭养老床位1200张，为失能、半失能老人提供助餐、助浴、助医等上门服务。",
        "（三）引导社会力量参与。落实养老服务机构税费减免政策，优先保障养老服务设施用地，已有12家社会资本举办的养老机构投入运营。",
    ];

    private static readonly CoverageScorer Scorer = new(Weights());

    [Fact]
    public void A_proposals_asks_are_the_members_of_its_suggestion_list_without_the_lead_in_or_the_closing_line()
    {
        var asks = AskSplitter.Split(Proposal);
        Assert.Equal(4, asks.Count);
        Assert.StartsWith("加大社区养老服务设施建设力度", asks[0], StringComparison.Ordinal);
        Assert.EndsWith("落实税费减免和用地保障政策", asks[3], StringComparison.Ordinal);
        Assert.DoesNotContain(asks, a => a.Contains("请予考虑", StringComparison.Ordinal) || a.Contains("设施少", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("建议：\n（一）完善政策。\n（二）加大投入。\n（三）强化考核。", 3)]
    [InlineData("建议：1.完善政策；2.加大投入；3.强化考核。", 3)]
    [InlineData("建议：1、完善政策\n2、加大投入", 2)]
    [InlineData("建议：（1）完善政策；（2）加大投入。", 2)]
    [InlineData("建议：①完善政策；②加大投入；③强化考核。", 3)]
    [InlineData("建议：第一，完善政策；第二，加大投入。", 2)]
    [InlineData("建议：首先，完善政策；其次，加大投入；最后，强化考核。", 3)]
    [InlineData("建议一要完善政策，二要加大投入。", 2)]
    [InlineData("一、基本情况\n我市有3.5万家企业。\n二、存在问题\n融资难。\n三、几点建议\n（一）设立基金。\n（二）完善担保。", 2)]
    // 二是 with no 一是 before it, 统一是 inside a word: no list, one ask.
    [InlineData("建议尽快统一是非标准，二是要看效果。", 1)]
    public void Every_ordinal_cue_of_official_writing_makes_a_list_and_only_runs_from_one_count(string text, int count) =>
        Assert.Equal(count, AskSplitter.Split(text).Count);

    [Fact]
    public void The_pinyin_polluted_text_of_seed_000_gives_the_same_asks_as_its_clean_form()
    {
        var polluted = Seeds.Text("000");
        var clean = TextNormaliser.Normalise(polluted).Text;
        Assert.Contains("(guān)", polluted, StringComparison.Ordinal);
        var asks = AskSplitter.Split(polluted);
        Assert.Equal(AskSplitter.Split(clean), asks);
        Assert.True(asks.Count >= 4, string.Join(" | ", asks));
        Assert.DoesNotContain(asks, a => a.Contains("(ch", StringComparison.Ordinal));
    }

    [Fact]
    public void A_replys_passages_leave_out_the_salutation_the_receipt_the_thanks_and_the_handler_lines()
    {
        var passages = ReplyPassages.Split(Reply(Answers));
        Assert.Equal(4, passages.Count);
        Assert.Equal(("工作开展情况", "下一步打算"), (passages[0].Section, passages[3].Section));
        Assert.DoesNotContain(passages, p => p.Text.Contains("收悉", StringComparison.Ordinal) || p.Text.Contains("感谢", StringComparison.Ordinal) || p.Text.Contains("0375", StringComparison.Ordinal) || p.Text.Contains("代表", StringComparison.Ordinal));

        var seed = ReplyPassages.Split(Seeds.Text("004"));
        Assert.Contains(seed, p => p.Text.StartsWith("（一）优化创新生态环境", StringComparison.Ordinal) && p.Section == "工作开展情况");
        Assert.DoesNotContain(seed, p => p.Text.Contains("收悉", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_ask_is_linked_to_the_passage_that_answers_it_and_the_one_left_out_is_not_answered()
    {
        var coverage = Scorer.Score(AskSplitter.Split(Proposal), Reply(Answers));
        Assert.Equal(
            [CoverageLabel.Answered, CoverageLabel.Answered, CoverageLabel.NotAnswered, CoverageLabel.Answered],
            coverage.Asks.Select(a => a.Label).ToArray());
        Assert.Equal([0, 1, 2], new[] { 0, 1, 3 }.Select(a => coverage.Asks[a].Best[0].Passage).ToArray());
        Assert.Equal(AnswerKind.Done, coverage.Asks[1].Kind);
        Assert.Contains("床位", coverage.Asks[1].Best[0].Words);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Deleting_the_passage_that_answers_ask_k_makes_ask_k_not_answered(int removed)
    {
        var ask = removed == 2 ? 3 : removed;
        var coverage = Scorer.Score(AskSplitter.Split(Proposal), Reply([.. Answers.Where((_, i) => i != removed)]));
        Assert.True(coverage.Asks[ask].Label == CoverageLabel.NotAnswered, $"ask {ask}: {coverage.Asks[ask].Label} {coverage.Asks[ask].Coverage}");
        Assert.All(coverage.Asks.Where(a => a.Index != ask && a.Index != 2), a => Assert.Equal(CoverageLabel.Answered, a.Label));
    }

    [Fact]
    public void Reordering_the_passages_keeps_the_links()
    {
        var asks = AskSplitter.Split(Proposal);
        var inOrder = Scorer.Score(asks, Reply(Answers));
        var reordered = Scorer.Score(asks, Reply([Answers[2], Answers[0], Answers[1]]));
        string Linked(DraftCoverage c, int ask) => c.Asks[ask].Best.Count == 0 ? "" : c.Passages[c.Asks[ask].Best[0].Passage].Text;
        for (var a = 0; a < asks.Count; a++)
        {
            Assert.Equal(Linked(inOrder, a), Linked(reordered, a));
            Assert.Equal(inOrder.Asks[a].Label, reordered.Asks[a].Label);
        }
    }

    [Fact]
    public void Adding_formulaic_sentences_changes_nothing()
    {
        var asks = AskSplitter.Split(Proposal);
        var plain = Scorer.Score(asks, Reply(Answers));
        const string Formula = "我们将进一步加强工作，切实推动各项工作落实，不断提升工作水平。";
        var padded = Scorer.Score(asks, Reply([Formula, .. Answers.Select(a => a + Formula), Formula]));
        Assert.Equal(plain.Asks.Select(a => a.Label), padded.Asks.Select(a => a.Label));
        string Linked(DraftCoverage c, int ask) => c.Asks[ask].Best.Count == 0 ? "" : c.Passages[c.Asks[ask].Best[0].Passage].Text;
        Assert.Equal(
            plain.Asks.Select(a => Linked(plain, a.Index)),
            padded.Asks.Select(a => Linked(padded, a.Index).Replace(Formula, "", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_answer_is_read_as_done_a_commitment_or_a_refusal()
    {
        Assert.Equal(AnswerKind.Done, CoverageScorer.KindOf(new ReplyPassage(0, "目前已建成社区食堂20个。", null, 0)));
        Assert.Equal(AnswerKind.Commitment, CoverageScorer.KindOf(new ReplyPassage(0, "扩大家庭养老床位覆盖面。", "下一步打算", 0)));
        Assert.Equal(AnswerKind.Commitment, CoverageScorer.KindOf(new ReplyPassage(0, "我们将研究制定护理员补贴办法，拟于年内出台。", null, 0)));
        Assert.Equal(AnswerKind.Refusal, CoverageScorer.KindOf(new ReplyPassage(0, "受财力限制，暂不具备全面推开的条件。", null, 0)));
    }

    [Fact]
    public void A_short_form_officials_use_matches_its_full_form()
    {
        var coverage = Scorer.Score(["加大对高企的研发费用补助"], "一、工作开展情况\n对高新技术企业研发费用按比例给予补助，2024年兑现补助资金3000万元。");
        Assert.Equal(CoverageLabel.Answered, coverage.Asks[0].Label);
    }

    private static string Reply(IEnumerable<string> answers) =>
        "李华代表：\n您提出的《关于加快发展城市社区养老服务的建议》收悉，现答复如下：\n一、工作开展情况\n" + string.Join('\n', answers)
        + "\n二、下一步打算\n我们将认真研究吸纳您的意见，持续改进工作。\n感谢您对民政工作的关心和支持。\n承办人：王明\n联系电话：0375-1234567";

    private static TermWeights Weights() =>
        TermWeights.Learn(new[] { "000", "001", "002", "003", "004" }.SelectMany(n => ReplyPassages.Split(Seeds.Text(n))).Select(p => p.Text));
}
