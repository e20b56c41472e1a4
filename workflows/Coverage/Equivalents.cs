namespace Replies.Workflows.Coverage;

/// <summary>
/// The short forms officials write for longer terms (高企 = 高新技术企业, 双创 = 大众创业万众创新), kept as data in
/// <c>Coverage/equivalents.tsv</c> (short form, tab, full form), so that an ask and a reply that name one thing in two
/// ways share its words.
/// </summary>
public static class Equivalents
{
    private static readonly IReadOnlyList<(string Short, string Full)> Pairs = Load();

    /// <summary>The equivalents, longest short form first.</summary>
    public static IReadOnlyList<(string Short, string Full)> All => Pairs;

    /// <summary>The text with each short form followed by its full form in brackets, so both are found.</summary>
    public static string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (shortForm, full) in Pairs)
        {
            if (text.Contains(shortForm, StringComparison.Ordinal) && !text.Contains(full, StringComparison.Ordinal))
            {
                text = text.Replace(shortForm, $"{shortForm}（{full}）", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static List<(string, string)> Load()
    {
        using var stream = typeof(Equivalents).Assembly.GetManifestResourceStream("Replies.Workflows.Coverage.equivalents.tsv")
            ?? throw new InvalidOperationException("The equivalents table is not embedded.");
        using var reader = new StreamReader(stream);
        var pairs = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t');
            if (cells.Length >= 2 && cells[0].Length > 0 && cells[1].Length > 0)
            {
                pairs.Add((cells[0].Trim(), cells[1].Trim()));
            }
        }

        return [.. pairs.OrderByDescending(p => p.Item1.Length)];
    }
}
