using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Replies.Workflows.Search;

/// <summary>What is indexed: an item, a reply, a library document, or a passage of a reply or document.</summary>
public enum SearchKind
{
    /// <summary>A proposal or suggestion (title and body).</summary>
    Proposal,

    /// <summary>An issued reply.</summary>
    Reply,

    /// <summary>A policy library document (plan, work programme, earlier reply).</summary>
    Library,

    /// <summary>One paragraph of a reply or library document, for drafting help.</summary>
    Passage,
}

/// <summary>A document to index. <see cref="ParentId"/> ties passages to their reply or library document.</summary>
public sealed record SearchDocument(
    string Id,
    SearchKind Kind,
    string Title,
    string Text,
    string? Session = null,
    string? Department = null,
    DateTime? Date = null,
    string? ParentId = null,
    SearchKind? ParentKind = null,
    string? ProposalId = null)
{
    /// <summary>Who may see an item's document: <c>person:{id}</c> for its proposers, <c>department:{id}</c> for its handlers.</summary>
    public IReadOnlyList<string> Viewers { get; init; } = [];

    /// <summary>Whether the reply is published, so anyone may see it.</summary>
    public bool Published { get; init; }

    /// <summary>The item's stage when indexed.</summary>
    public string? Stage { get; init; }
}

/// <summary>A hit with its highlighted passage (<c>&lt;mark&gt;</c> around matched terms, the rest HTML-escaped).</summary>
public sealed record SearchHit(
    string Id,
    SearchKind Kind,
    string Title,
    string? Session,
    string? Department,
    DateTime? Date,
    string? ParentId,
    SearchKind? ParentKind,
    string? ProposalId,
    float Score,
    string Snippet,
    string Text)
{
    /// <summary>As <see cref="SearchDocument.Viewers"/>.</summary>
    public IReadOnlyList<string> Viewers { get; init; } = [];

    /// <summary>As <see cref="SearchDocument.Published"/>.</summary>
    public bool Published { get; init; }

    /// <summary>As <see cref="SearchDocument.Stage"/>.</summary>
    public string? Stage { get; init; }
}

/// <summary>
/// A Lucene index over Chinese text, analysed into overlapping character pairs (CJK bigrams), which finds words
/// without a dictionary and matches a title quoted exactly. Writes are visible to searches within a refresh; the
/// index is a cache of what storage holds and can be rebuilt from it at any time.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int MaxQueryTerms = 40;
    private const int ShortQueryTerms = 12;
    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer = new CJKAnalyzer(Version);
    private readonly Analyzer _words = new SmartChineseAnalyzer(Version);
    private readonly Analyzer _fields;
    private readonly IndexWriter? _writer;
    private SearcherManager? _searchers;

    /// <summary>Opens (or creates) an index in <paramref name="directory"/> to write and search.</summary>
    public SearchIndex(LuceneDirectory directory)
        : this(directory, readOnly: false)
    {
    }

    private SearchIndex(LuceneDirectory directory, bool readOnly)
    {
        _directory = directory;
        _fields = new PerFieldAnalyzerWrapper(_analyzer, new Dictionary<string, Analyzer> { ["titleWords"] = _words, ["words"] = _words });
        if (!readOnly)
        {
            _writer = new IndexWriter(directory, new IndexWriterConfig(Version, _fields) { OpenMode = OpenMode.CREATE_OR_APPEND, RAMBufferSizeMB = 64, Similarity = Ranking });
            _searchers = new SearcherManager(_writer, true, new RankingSearchers());
        }
    }

    /// <summary>
    /// The version of the fields and their analysis: 1 character pairs only, 2 with SmartCn words and BM25. A shared
    /// index of another version is rebuilt.
    /// </summary>
    public const int Schema = 2;

    // BM25 rather than Lucene 4's classic TF-IDF: a long reply that mentions a word once no longer outranks the short
    // item about it, and a word repeated in one item stops adding much.
    private static readonly Lucene.Net.Search.Similarities.Similarity Ranking = new Lucene.Net.Search.Similarities.BM25Similarity();

    private sealed class RankingSearchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Ranking };
    }

    /// <summary>
    /// An index to search only, of the commits another process writes into <paramref name="directory"/>: it finds
    /// nothing until the first commit is there, and shows a newer one after <see cref="Refresh"/>.
    /// </summary>
    public static SearchIndex OpenReadOnly(LuceneDirectory directory) => new(directory, readOnly: true);

    /// <summary>The files of the index's latest commit (its segments file included), for copying it elsewhere.</summary>
    public IReadOnlyCollection<string> CommittedFiles()
    {
        var commit = DirectoryReader.ListCommits(_directory).OrderBy(c => c.Generation).Last();
        return [.. commit.FileNames];
    }

    /// <summary>How many documents (with passages) the index holds.</summary>
    public int Count
    {
        get
        {
            if (_searchers is not { } searchers)
            {
                return 0;
            }

            var searcher = searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    /// <summary>
    /// In how many documents a term of <see cref="Coverage.ChineseTerms"/> occurs: a word (<c>w:</c>) in the words, a
    /// character pair (<c>b:</c>) in the text.
    /// </summary>
    public int DocumentFrequency(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        if (_searchers is not { } searchers || term.Length < 3)
        {
            return 0;
        }

        var searcher = searchers.Acquire();
        try
        {
            return searcher.IndexReader.DocFreq(new Term(term[0] == 'w' ? "words" : "text", term[2..]));
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    /// <summary>The index's size on its directory, in bytes.</summary>
    public long SizeInBytes => _directory.ListAll().Sum(f => _directory.FileLength(f));

    /// <summary>Adds or replaces a document (by id).</summary>
    public void Upsert(SearchDocument doc)
    {
        var d = new Document
        {
            new StringField("id", doc.Id, Field.Store.YES),
            new StringField("kind", doc.Kind.ToString(), Field.Store.YES),
            // Indexed in simplified characters so a query in either script finds both; stored as written.
            new TextField("title", Simplify(doc.Title), Field.Store.NO),
            new TextField("text", Simplify(doc.Text), Field.Store.NO),
            // Words as SmartCn's dictionary cuts them, short forms followed by their full forms (高企 → 高新技术企业).
            new TextField("titleWords", Coverage.Equivalents.Expand(Simplify(doc.Title)), Field.Store.NO),
            new TextField("words", Coverage.Equivalents.Expand(Simplify(doc.Text)), Field.Store.NO),
            new StoredField("titleRaw", doc.Title),
            new StoredField("textRaw", doc.Text),
        };
        Add(d, "session", doc.Session);
        Add(d, "department", doc.Department);
        Add(d, "parent", doc.ParentId);
        Add(d, "parentKind", doc.ParentKind?.ToString());
        Add(d, "proposal", doc.ProposalId);
        Add(d, "stage", doc.Stage);
        foreach (var viewer in doc.Viewers)
        {
            d.Add(new StringField("viewer", viewer, Field.Store.YES));
        }

        if (doc.Published)
        {
            d.Add(new StringField("published", "1", Field.Store.YES));
        }

        if (doc.Date is { } date)
        {
            d.Add(new StoredField("date", date.Ticks));
        }

        Writer.UpdateDocument(new Term("id", doc.Id), d);
    }

    /// <summary>Removes a document and its passages.</summary>
    public void Delete(string id)
    {
        Writer.DeleteDocuments(new Term("id", id));
        Writer.DeleteDocuments(new Term("parent", id));
    }

    /// <summary>Removes everything (before a rebuild).</summary>
    public void Clear() => Writer.DeleteAll();

    /// <summary>Makes the writes so far (or, read-only, the latest commit in the directory) visible to searches.</summary>
    public void Refresh()
    {
        if (_searchers is { } searchers)
        {
            searchers.MaybeRefreshBlocking();
        }
        else if (DirectoryReader.IndexExists(_directory))
        {
            _searchers = new SearcherManager(_directory, new RankingSearchers());
        }
    }

    /// <summary>Durably writes the index files.</summary>
    public void Commit()
    {
        Writer.Commit();
        Refresh();
    }

    private IndexWriter Writer => _writer ?? throw new InvalidOperationException("This index is open for searching only.");

    /// <summary>
    /// The documents most like <paramref name="text"/> among <paramref name="kinds"/>, best first; the title field
    /// weighs double. <paramref name="exclude"/> leaves out documents (an item itself) by id or parent.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string text, IReadOnlyCollection<SearchKind> kinds, int top, Func<SearchHit, bool>? where = null, IReadOnlySet<string>? exclude = null, SearchKind? parentKind = null)
    {
        if (top <= 0)
        {
            return [];
        }

        if (_searchers is not { } searchers)
        {
            return [];
        }

        var searcher = searchers.Acquire();
        try
        {
            return Search(searcher, Terms(text, searcher.IndexReader), Words(text, searcher.IndexReader), kinds, top, where, exclude, parentKind);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    private List<SearchHit> Search(IndexSearcher searcher, List<string> terms, List<string> words, IReadOnlyCollection<SearchKind> kinds, int top, Func<SearchHit, bool>? where, IReadOnlySet<string>? exclude, SearchKind? parentKind)
    {
        if (terms.Count == 0 && words.Count == 0)
        {
            return [];
        }

        var query = new BooleanQuery();
        var pairs = new BooleanQuery();
        foreach (var term in terms)
        {
            pairs.Add(new BooleanQuery
            {
                { new TermQuery(new Term("title", term)) { Boost = 2 }, Occur.SHOULD },
                { new TermQuery(new Term("text", term)), Occur.SHOULD },
            }, Occur.SHOULD);
        }

        var wordQuery = new BooleanQuery { Boost = 2 };
        foreach (var word in words)
        {
            wordQuery.Add(new BooleanQuery
            {
                { new TermQuery(new Term("titleWords", word)) { Boost = 2 }, Occur.SHOULD },
                { new TermQuery(new Term("words", word)), Occur.SHOULD },
            }, Occur.SHOULD);
        }

        // An item matches with one of the query's words, or with two of its character pairs (a word the dictionary cut
        // another way); one shared character pair alone is no match. Ranking is BM25 over both.
        if (terms.Count <= ShortQueryTerms)
        {
            pairs.MinimumNumberShouldMatch = Math.Min(2, terms.Count);
        }

        var match = new BooleanQuery();
        if (terms.Count > 0)
        {
            match.Add(pairs, Occur.SHOULD);
        }

        if (words.Count > 0)
        {
            match.Add(wordQuery, Occur.SHOULD);
        }

        query.Add(match, Occur.MUST);
        var phrase = terms.Count is > 1 and <= ShortQueryTerms ? Phrase(terms) : null;
        if (phrase is not null)
        {
            // The query's words in a row, verbatim, rank above items sharing only some of its characters.
            query.Add(phrase, Occur.SHOULD);
        }
        var kindFilter = new BooleanQuery();
        foreach (var kind in kinds)
        {
            kindFilter.Add(new TermQuery(new Term("kind", kind.ToString())), Occur.SHOULD);
        }

        query.Add(kindFilter, Occur.MUST);
        if (parentKind is { } wanted)
        {
            query.Add(new TermQuery(new Term("parentKind", wanted.ToString())), Occur.MUST);
        }

        var highlighter = MarkerFor(match);
        // Where the phrase occurs, only the phrase is marked, not every character pair it shares with the text.
        var phraseHighlighter = phrase is null ? null : MarkerFor(phrase);
        var hits = new List<SearchHit>();
        // Over-fetch so filtering by access and exclusions still leaves a full page.
        var docs = searcher.Search(query, Math.Max(top * 4, top + (exclude?.Count ?? 0) + 8));
        foreach (var scored in docs.ScoreDocs)
        {
            var d = searcher.Doc(scored.Doc);
            var id = Get(d, "id");
            var parent = Get(d, "parent");
            if (exclude is not null && (exclude.Contains(id) || (parent is not null && exclude.Contains(parent)) || (Get(d, "proposal") is { } p && exclude.Contains(p))))
            {
                continue;
            }

            var body = Get(d, "textRaw");
            var fragments = phraseHighlighter?.GetBestFragments(_analyzer, "text", body, 2) is { Length: > 0 } exact ? exact : highlighter.GetBestFragments(_analyzer, "text", body, 2);
            var snippet = string.Join("…", fragments);
            var hit = new SearchHit(
                id,
                Enum.Parse<SearchKind>(Get(d, "kind")),
                Get(d, "titleRaw"),
                Get(d, "session"),
                Get(d, "department"),
                d.GetField("date")?.GetInt64Value() is { } ticks ? new DateTime(ticks, DateTimeKind.Utc) : null,
                parent,
                Get(d, "parentKind") is { } pk ? Enum.Parse<SearchKind>(pk) : null,
                Get(d, "proposal"),
                scored.Score,
                string.IsNullOrEmpty(snippet) ? System.Net.WebUtility.HtmlEncode(body.Length > 90 ? body[..90] + "…" : body) : snippet,
                body)
            {
                Viewers = d.GetValues("viewer", System.Globalization.CultureInfo.InvariantCulture),
                Published = Get(d, "published") == "1",
                Stage = Get(d, "stage"),
            };
            if (where is null || where(hit))
            {
                hits.Add(hit);
                if (hits.Count == top)
                {
                    break;
                }
            }
        }

        return hits;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _searchers?.Dispose();
        _writer?.Dispose();
        _fields.Dispose();
        _words.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }

    private static string Simplify(string text) => Intake.ChineseConverter.TraditionalToSimplified.Convert(text);

    private static string Get(Document d, string field) => d.Get(field, System.Globalization.CultureInfo.InvariantCulture);

    private static void Add(Document d, string field, string? value)
    {
        if (value is not null)
        {
            d.Add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static Highlighter MarkerFor(Query query) =>
        new(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlTextEncoder(), new QueryScorer(query, "text")) { TextFragmenter = new SimpleFragmenter(90) };

    // The bigrams of a short query in the order typed, as a phrase over the text and the title (bigrams of a CJK run
    // sit at consecutive positions).
    private static BooleanQuery? Phrase(List<string> terms)
    {
        var text = new PhraseQuery { Boost = 4 };
        var title = new PhraseQuery { Boost = 8 };
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0 && terms[i - 1][^1] != terms[i][0])
            {
                // Not one run of characters (the query had a gap or a formula removed): no phrase.
                return null;
            }

            text.Add(new Term("text", terms[i]), i);
            title.Add(new Term("title", terms[i]), i);
        }

        return new BooleanQuery { { text, Occur.SHOULD }, { title, Occur.SHOULD } };
    }

    // The query's words (SmartCn), less the formulas, the most telling first when there are many (tf × idf).
    private List<string> Words(string text, IndexReader reader)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var stream = _words.GetTokenStream("words", Coverage.Equivalents.Expand(Simplify(text))))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var t = term.ToString();
                if (t.Length >= 2 && !Formulas.IsFormula(t))
                {
                    counts[t] = counts.GetValueOrDefault(t) + 1;
                }
            }

            stream.End();
        }

        if (counts.Count <= MaxQueryTerms)
        {
            return [.. counts.Keys];
        }

        var documents = Math.Max(1, reader.NumDocs);
        return [.. counts
            .Select(c => (Term: c.Key, Weight: c.Value * Math.Log(documents / (1.0 + reader.DocFreq(new Term("words", c.Key))))))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(MaxQueryTerms)
            .Select(t => t.Term)];
    }

    // The query's most telling bigrams: frequent in the query and rare in the index (tf × idf, as Lucene's
    // MoreLikeThis picks them), capped so a whole proposal can be the query and still answer quickly.
    private List<string> Terms(string text, IndexReader reader)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var simplified = Simplify(text);
        // Pairs of the text without its formulas: 进一步推进科技 gives 科技, not the 步推 that spans two of them.
        var stripped = Formulas.Strip(simplified);
        using (var stream = _analyzer.GetTokenStream("text", stripped.Any(Intake.TextNormaliser.IsHan) ? stripped : simplified))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                var t = term.ToString();
                counts[t] = counts.GetValueOrDefault(t) + 1;
            }

            stream.End();
        }

        // The formulas every item shares (关于, 的建议, 推进 …) say nothing about its matter; a query made only of them keeps them.
        var telling = counts.Where(c => !KeyTerms.IsFormulaic(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        if (telling.Count > 0)
        {
            counts = telling;
        }

        if (counts.Count <= MaxQueryTerms)
        {
            return [.. counts.Keys];
        }

        var documents = Math.Max(1, reader.NumDocs);
        return [.. counts
            .Select(c => (Term: c.Key, Weight: c.Value * Math.Log(documents / (1.0 + reader.DocFreq(new Term("text", c.Key))))))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(MaxQueryTerms)
            .Select(t => t.Term)];
    }
}

/// <summary>Escapes only what HTML needs escaped; Lucene's own encoder turns every Chinese character into an entity.</summary>
internal sealed class HtmlTextEncoder : IEncoder
{
    public string EncodeText(string originalText) => System.Net.WebUtility.HtmlEncode(originalText);
}
