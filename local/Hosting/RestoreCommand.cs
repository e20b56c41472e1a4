using Microsoft.Extensions.Configuration;
using Replies.Functions.Startup;
using Replies.Workflows.Storage;

namespace Replies.Local.Hosting;

/// <summary>
/// <c>restore</c> and <c>restore --verify</c>: rebuilds the closed items of the app's storage from its archive
/// container, or checks the storage against it (see README, "Archive and restore"). The storage is the app's own
/// (<c>AzureWebJobsStorage</c> and <c>Replies:Api:StoragePrefix</c>, read as the app reads them);
/// <c>--archive "connection string"</c> names another account that holds the archive (a copy kept elsewhere).
/// </summary>
public static class RestoreCommand
{
    /// <summary>Runs the command; the process's exit code (0: nothing amiss).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettings.AsConfiguration(Path.Combine(AppContext.BaseDirectory, LocalSettings.FileName)))
            .AddEnvironmentVariables()
            .AddCommandLine([.. args.Where(a => a != "--verify")])
            .Build();
        var prefix = AppServices.StoragePrefix(configuration);
        var target = new ReplyStorage(configuration.StorageAccount(), prefix);
        var source = configuration["archive"] is { Length: > 0 } other ? new ReplyStorage(other, prefix) : target;
        var archive = new ArchiveStore(source, new ProposalStore(source), new DraftStore(source, TimeProvider.System), new OpinionStore(source), new AttachmentStore(source, TimeProvider.System), TimeProvider.System);
        var restore = new ArchiveRestore(archive, target);
        var verify = args.Contains("--verify");
        var report = verify ? await restore.VerifyAsync() : await restore.RestoreAsync();
        Console.WriteLine(verify
            ? $"核对：档案{report.Packages}件，不一致{report.Problems.Count}处。"
            : $"恢复：档案{report.Packages}件，恢复{report.Restored}件，未恢复{report.Problems.Count}件。");
        foreach (var problem in report.Problems)
        {
            Console.WriteLine(problem);
        }

        return report.Problems.Count == 0 ? 0 : 1;
    }
}
