namespace Replies.Deployment.Tests;

/// <summary>Where scripts/test.sh puts the published app and the compiled template.</summary>
internal static class Artifacts
{
    public static string Root { get; } = FindRoot();

    public static string PublishedApp => Existing(Path.Combine(Root, "artifacts", "functions"));

    public static string Template => Existing(Path.Combine(Root, "artifacts", "infra", "main.json"));

    private static string Existing(string path) =>
        File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run scripts/test.sh, which publishes functions/ and compiles infra/ before the tests.");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replies.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Replies.sln not found above the test binaries.");
    }
}
