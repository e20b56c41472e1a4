namespace Replies.Functions.Web;

/// <summary>One line of a comparison: kept, removed from the earlier version, or added in the later one.</summary>
public sealed record DiffLine(char Kind, string Text);

/// <summary>The differences between two versions of a draft, line by line (longest common subsequence).</summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compare(string earlier, string later)
    {
        var a = earlier.Split('\n');
        var b = later.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new(' ', a[x++]));
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                lines.Add(new('-', a[x++]));
            }
            else
            {
                lines.Add(new('+', b[y++]));
            }
        }

        lines.AddRange(a.Skip(x).Select(l => new DiffLine('-', l)));
        lines.AddRange(b.Skip(y).Select(l => new DiffLine('+', l)));
        return lines;
    }
}
