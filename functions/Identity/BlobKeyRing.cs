using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Replies.Workflows.Storage;

namespace Replies.Functions.Identity;

/// <summary>
/// The data-protection key ring in the app's blob storage, so that every instance (the Functions platform scales out
/// and replaces instances) reads the keys that protect session cookies and form tokens. The package that does this
/// (Azure.Extensions.AspNetCore.DataProtection.Blobs) is not served here; this is its small core. Keys are readable by
/// whoever may read the storage account, which the managed identity's roles confine to the app.
/// </summary>
internal sealed class BlobKeyRing(ReplyStorage storage) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        storage.EnsureCreatedAsync().GetAwaiter().GetResult();
        var elements = new List<XElement>();
        foreach (var blob in storage.Keys.GetBlobs(BlobTraits.None, BlobStates.None, prefix: null, CancellationToken.None))
        {
            var content = storage.Keys.GetBlobClient(blob.Name).DownloadContent().Value.Content;
            elements.Add(XElement.Parse(content.ToString()));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        storage.EnsureCreatedAsync().GetAwaiter().GetResult();
        try
        {
            // A key is written once; an instance racing to write the same one loses harmlessly.
            storage.Keys.GetBlobClient($"{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), overwrite: false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
        }
    }
}
