using System.Diagnostics;

namespace Replies.Workflows.Intake;

/// <summary>
/// Converts a Word 97-2003 or WPS file (.doc, .wps) to .docx with LibreOffice (<c>soffice --headless</c>) when it is
/// installed; without it such files are refused with a request to save them as .docx. Each conversion runs in a
/// fresh profile folder, killed after the time allowed.
/// </summary>
public static class LegacyWordConverter
{
    /// <summary>The converter found on this machine, or null.</summary>
    public static string? Find(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "soffice"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>The .docx bytes of the file, or null when no converter is installed or it failed.</summary>
    public static async Task<byte[]?> ToDocxAsync(byte[] content, string? converter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (converter is null)
        {
            return null;
        }

        var folder = System.IO.Directory.CreateTempSubdirectory("replies-convert-");
        try
        {
            // WPS's .wps is Word 97-2003's format: named .doc, LibreOffice takes both with its Word filter.
            var input = Path.Combine(folder.FullName, "input.doc");
            await File.WriteAllBytesAsync(input, content, cancellationToken);
            var start = new ProcessStartInfo(converter)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { $"-env:UserInstallation=file://{folder.FullName}/profile", "--headless", "--norestore", "--convert-to", "docx", "--outdir", folder.FullName, input })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await Task.WhenAll(process.StandardOutput.ReadToEndAsync(limit.Token), process.StandardError.ReadToEndAsync(limit.Token), process.WaitForExitAsync(limit.Token));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            var output = Path.Combine(folder.FullName, "input.docx");
            return File.Exists(output) ? await File.ReadAllBytesAsync(output, cancellationToken) : null;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A converter still closing its files: the temporary folder goes with the machine's cleanup.
            }
        }
    }
}
