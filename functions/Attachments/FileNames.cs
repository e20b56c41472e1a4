namespace Replies.Functions.Attachments;

/// <summary>
/// The name a file is kept and offered under: what the person's system called it, without folders, control or
/// direction-changing characters, at most 100 characters with its extension kept; Chinese names stay as they are.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 100;

    public static string Clean(string? raw)
    {
        // Browsers on Windows have sent the full path; only the last part is the name.
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format && c is not ('<' or '>' or ':' or '"' or '|' or '?' or '*'))).Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return "附件";
        }

        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length <= 10 ? extension : "";
            var cut = MaxLength - extension.Length;
            // Never half of a character outside the basic plane (an emoji, a rare 汉字).
            cut -= char.IsHighSurrogate(name[cut - 1]) ? 1 : 0;
            name = name[..cut] + extension;
        }

        return name;
    }
}
