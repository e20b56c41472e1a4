namespace Replies.Workflows.Fields;

/// <summary>Text people paste from the web or Word, cleaned the same way wherever it is typed.</summary>
public static class TextInput
{
    /// <summary>The clean text (converted to simplified characters when asked), and the original when cleaning changed it.</summary>
    public static (string? Text, string? Original) Clean(string? text, bool toSimplified)
    {
        if (text is null)
        {
            return (null, null);
        }

        var clean = Intake.TextNormaliser.Normalise(text).Text;
        if (toSimplified)
        {
            clean = Intake.ChineseConverter.TraditionalToSimplified.Convert(clean);
        }

        return (clean, clean == text.Trim() ? null : text);
    }
}
