using Lucene.Net.Store;
using Replies.Workflows.Intake;
using Replies.Workflows.Letters;
using Replies.Workflows.Search;

namespace Replies.Workflows.UnitTests;

public sealed class SearchAndCheckTests : IDisposable
{
    private static readonly string[] Letters = ["000", "003", "004"];
    private readonly SearchIndex _index = new(new RAMDirectory());

    public SearchAndCheckTests()
    {
        // The seeds as the app holds them: the three letters as replies, 001 and 002 as library documents, all
        // normalised and in simplified characters, split into passages.
        foreach (var seed in Letters)
        {
            var letter = ReplyLetterImporter.ReadText(Seeds.Text(seed));
            var text = Simplified(string.Join('\n', letter.Body));
            _index.Upsert(new SearchDocument("reply:" + seed, SearchKind.Reply, Simplified(letter.Title!), text));
            AddPassages("reply:" + seed, SearchKind.Reply, Simplified(letter.Title!), text);
        }

        foreach (var (seed, title) in new[] { ("001", "长治市“十四五”规划（创新篇）"), ("002", "2025年全市科技工作要点") })
        {
            var lines = Simplified(TextNormaliser.Normalise(Seeds.Text(seed)).Text).Split('\n');
            var text = string.Join('\n', DocumentCleaner.StripTrailingBoilerplate(lines).Lines);
            _index.Upsert(new SearchDocument("library:" + seed, SearchKind.Library, title, text));
            AddPassages("library:" + seed, SearchKind.Library, title, text);
        }

        _index.Commit();
    }

    [Theory]
    [InlineData("000")]
    [InlineData("003")]
    [InlineData("004")]
    public void Searching_a_seed_letters_title_finds_that_letter_first(string seed)
    {
        var title = Simplified(ReplyLetterImporter.ReadText(Seeds.Text(seed)).Title!);
        var hits = _index.Search(title, [SearchKind.Reply, SearchKind.Library], 5);
        Assert.Equal("reply:" + seed, hits[0].Id);
        Assert.Contains("<mark>", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_shares_formulas_with_every_item_but_finds_only_items_on_its_matter()
    {
        using var index = new SearchIndex(new RAMDirectory());
        index.Upsert(new SearchDocument("tech", SearchKind.Reply, "关于进一步推进科技创新平台建设的建议", "进一步推进科技创新平台建设，推进产学研合作。"));
        index.Upsert(new SearchDocument("farm", SearchKind.Reply, "关于进一步推进高标准农田建设的建议", "进一步推进高标准农田建设，推进灌溉设施改造，保障粮食生产。"));
        index.Upsert(new SearchDocument("water", SearchKind.Reply, "关于加强农村饮水安全的建议", "保障农村饮水安全，改造供水管网。"));
        index.Commit();

        // An agriculture item is not offered technology passages because both say 推进 and 进一步.
        var similar = index.Search("关于进一步推进农田灌溉设施建设的建议\n进一步推进农田灌溉", [SearchKind.Reply], 5);
        Assert.Equal("farm", similar[0].Id);
        Assert.DoesNotContain(similar, h => h.Id == "tech");

        // The phrase typed, verbatim, ranks first; an item sharing one character pair is no match at all.
        var phrase = index.Search("农村饮水", [SearchKind.Reply], 5);
        Assert.Equal("water", phrase[0].Id);
        Assert.Contains("<mark>农村饮水</mark>", phrase[0].Snippet.Replace("</mark><mark>", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>供水</mark>", phrase[0].Snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(phrase, h => h.Id == "tech");

        // Words typed in another order and joined otherwise still find each item that has one of them; the item with
        // two of them ranks first; the formulas around them (进一步推进) add no match.
        var words = index.Search("进一步推进灌溉和饮水 农田", [SearchKind.Reply], 5);
        Assert.Equal(["farm", "water"], words.Select(h => h.Id).ToArray());
    }

    [Fact]
    public void Drafting_help_for_seed_000s_proposal_brings_passages_of_the_plan_and_the_work_programme_on_its_subject()
    {
        var title = Simplified(ReplyLetterImporter.ReadText(Seeds.Text("000")).Title!);
        // As the drafting help asks: more passages than it shows, at most three from one source.
        var taken = new Dictionary<string, int>(StringComparer.Ordinal);
        var passages = _index.Search(title, [SearchKind.Passage], 40, h => h.ParentKind == SearchKind.Library)
            .Where(p => (taken[p.ParentId!] = taken.GetValueOrDefault(p.ParentId!) + 1) <= 3).Take(10).ToList();
        Assert.Contains(passages, p => p.ParentId == "library:001");
        Assert.Contains(passages, p => p.ParentId == "library:002");
        string[] subject = ["产业链", "创新平台", "一链一院"];
        Assert.All(passages.Take(5), p => Assert.Contains(subject, s => p.Text.Contains(s, StringComparison.Ordinal) || p.Text.Contains("产业", StringComparison.Ordinal)));
        Assert.Contains(passages, p => p.Text.Contains("一链一院", StringComparison.Ordinal) || p.Text.Contains("创新平台", StringComparison.Ordinal));
    }

    [Fact]
    public void A_well_formed_reply_passes_the_letter_check()
    {
        var result = LetterCheck.Run(new LetterCheckInput(
            "叶元朋", ProposalKind.Suggestion, "关于加强科技创新促进产业发展的建议", "建议加强科技创新平台建设，推动科技创新与产业发展深度融合，加大科技创新平台投入。",
            "叶元朋代表：\n您提出的《关于加强科技创新促进产业发展的建议》收悉，现答复如下：\n一、工作开展情况\n我局加强科技创新平台建设。\n二、下一步打算\n推动科技创新与产业发展深度融合。\n感谢您对科技工作的关心和支持！",
            "张承办", "0375-2345678", Disclosure.Full));
        Assert.True(result.IsClean, string.Join("；", result.Issues.Select(i => i.Message)));
        Assert.Contains("科技创新平台", result.AnsweredTerms);
    }

    [Fact]
    public void The_letter_check_lists_what_a_reviewer_would_send_back()
    {
        var result = LetterCheck.Run(new LetterCheckInput(
            "王明新", ProposalKind.Proposal, "关于围绕我市主导产业链 构建“链式”集群发展格局的建议", "建议围绕主导产业链构建链式集群，培育链主企业，完善产业链配套。",
            "王明新代表：\n您提出的《关于构建集群发展格局的建议》已转我局。\n我局高度重视城市绿化工作，联系电话0533-1234567。",
            null, null, Disclosure.Full));
        var codes = result.Issues.Select(i => i.Code).ToList();
        Assert.Equal(["salutation", "title", "points", "closing", "handler", "phone", "contact", "relevance"], codes);
        Assert.Contains("王明新委员", result.Issues[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_terms_are_the_recurring_subjects_not_the_words_of_every_letter()
    {
        var terms = KeyTerms.Of("建议加强科技创新平台建设。科技创新平台是关键，要加大科技创新平台投入，发展产业链。产业链要延伸。", 3);
        Assert.Equal("科技创新平台", terms[0]);
        Assert.Contains("产业链", terms);
        Assert.DoesNotContain("建议", terms);
    }

    public void Dispose() => _index.Dispose();

    private static string Simplified(string text) => ChineseConverter.TraditionalToSimplified.Convert(text);

    private void AddPassages(string parent, SearchKind kind, string title, string text)
    {
        var n = 0;
        foreach (var paragraph in text.Split('\n').Where(p => p.Length >= 40))
        {
            _index.Upsert(new SearchDocument($"{parent}:p{n++}", SearchKind.Passage, title, paragraph, ParentId: parent, ParentKind: kind));
        }
    }
}
