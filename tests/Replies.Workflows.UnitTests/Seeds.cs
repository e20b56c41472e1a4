namespace Replies.Workflows.UnitTests;

/// <summary>The repository's seed documents, read from <c>seeds/</c> at the repository root.</summary>
internal static class Seeds
{
    public static string Root { get; } = FindRoot();

    public static string Text(string number) =>
        File.ReadAllText(System.IO.Directory.GetFiles(Path.Combine(Root, "seeds"), number + "_*.txt").Single());

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "seeds", "sample.json")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with seeds/ and package.json) was not found above the test binaries.");
    }
}
