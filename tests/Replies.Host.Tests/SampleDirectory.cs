using System.Text.Json;
using System.Text.Json.Serialization;
using Replies.Functions.Seeding;
using Replies.Workflows.Directory;
using Replies.Workflows.Storage;

namespace Replies.Host.Tests;

/// <summary>The people and departments of seeds/sample.json, written to storage before a host starts (it reads them at start), without the sample items.</summary>
public static class SampleDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task ImportAsync(string storage)
    {
        var sample = Path.Combine(AzuriteInstance.RepositoryRoot(), "seeds", "sample.json");
        var data = JsonSerializer.Deserialize<SampleData>(await File.ReadAllTextAsync(sample), Json)!;
        using var directory = new DirectoryStore(new ReplyStorage(storage));
        await directory.ImportAsync(data.Directory);
    }
}
