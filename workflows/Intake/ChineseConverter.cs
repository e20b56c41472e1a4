using System.Reflection;
using System.Text;

namespace Replies.Workflows.Intake;

/// <summary>
/// Traditional to simplified Chinese with OpenCC's dictionaries (phrases first, longest match, then characters), the
/// way OpenCC's t2s conversion segments text. Used where a person asks for it; the original is always kept.
/// </summary>
public sealed class ChineseConverter
{
    private readonly Dictionary<string, string> _phrases;
    private readonly Dictionary<char, string> _characters;
    private readonly HashSet<char> _phraseStarts;
    private readonly int _longest;

    private ChineseConverter(Dictionary<string, string> phrases, Dictionary<char, string> characters)
    {
        _phrases = phrases;
        _characters = characters;
        _phraseStarts = [.. phrases.Keys.Select(k => k[0])];
        _longest = phrases.Keys.Select(k => k.Length).DefaultIfEmpty(1).Max();
    }

    /// <summary>The converter built from the embedded OpenCC dictionaries.</summary>
    public static ChineseConverter TraditionalToSimplified { get; } = Load();

    /// <summary>How many phrase and character entries the dictionaries hold.</summary>
    public (int Phrases, int Characters) Size => (_phrases.Count, _characters.Count);

    /// <summary>Converts <paramref name="text"/>; characters the dictionaries do not name are kept.</summary>
    public string Convert(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var matched = false;
            for (var length = _phraseStarts.Contains(text[i]) ? Math.Min(_longest, text.Length - i) : 0; length >= 2; length--)
            {
                if (_phrases.TryGetValue(text.Substring(i, length), out var phrase))
                {
                    sb.Append(phrase);
                    i += length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                sb.Append(_characters.TryGetValue(text[i], out var c) ? c : text[i].ToString());
                i++;
            }
        }

        return sb.ToString();
    }

    private static ChineseConverter Load()
    {
        var phrases = new Dictionary<string, string>(StringComparer.Ordinal);
        var characters = new Dictionary<char, string>();
        foreach (var (key, value) in Read("TSPhrases.txt"))
        {
            phrases[key] = value;
        }

        foreach (var (key, value) in Read("TSCharacters.txt"))
        {
            if (key.Length == 1)
            {
                characters[key[0]] = value;
            }
            else
            {
                phrases[key] = value;
            }
        }

        return new ChineseConverter(phrases, characters);
    }

    // Each line: the traditional form, a tab, then one or more simplified candidates separated by spaces; the first is
    // OpenCC's choice.
    private static IEnumerable<(string Key, string Value)> Read(string file)
    {
        var assembly = Assembly.GetExecutingAssembly();
        using var stream = assembly.GetManifestResourceStream($"Replies.Workflows.Intake.OpenCC.{file}")
            ?? throw new InvalidOperationException($"OpenCC dictionary {file} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                yield return (line[..tab], line[(tab + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
            }
        }
    }
}
