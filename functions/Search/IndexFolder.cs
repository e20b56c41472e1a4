namespace Replies.Functions.Search;

/// <summary>The folder of this instance's copies of the search indexes; a temporary one is removed when the host stops.</summary>
internal sealed class IndexFolder(string root, bool deleteOnDispose) : IDisposable
{
    public string Of(string index) => Path.Combine(root, index);

    public void Dispose()
    {
        if (deleteOnDispose && System.IO.Directory.Exists(root))
        {
            try
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // Another process still holds a file; the temporary folder is left for the system to clear.
            }
        }
    }
}
