using System.Collections.Frozen;

namespace Replies.Functions.Pages;

/// <summary>GET /assets/{name}: the pages' style sheet, scripts and icon, embedded in the app so every host serves them alike.</summary>
public sealed class StaticAsset
{
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Assets = Load();

    [Function(nameof(StaticAsset))]
    [AllowAnonymous]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{name}")] HttpRequest request, string name)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            return Problems.NotFound("未找到该文件。");
        }

        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(asset.Content, asset.Type);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "Replies.Functions.Web.Assets.";
        var assembly = typeof(StaticAsset).Assembly;
        return assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToFrozenDictionary(
            n => n[prefix.Length..],
            n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                var type = Path.GetExtension(n) switch
                {
                    ".css" => "text/css; charset=utf-8",
                    ".js" => "text/javascript; charset=utf-8",
                    ".svg" => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                return (copy.ToArray(), type);
            },
            StringComparer.Ordinal);
    }
}
