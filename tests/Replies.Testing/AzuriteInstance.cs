using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Replies.Testing;

/// <summary>
/// A private Azurite (the repository's pinned npm dev dependency) on free loopback ports with in-memory persistence,
/// stopped on dispose. Nothing depends on a developer having started one.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteInstance(Process process, int blobPort, int queuePort, int tablePort, string? location)
    {
        _process = process;
        Location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The folder holding the data when it is kept on disk (null: in memory).</summary>
    public string? Location { get; }

    /// <summary>The blob endpoint port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue endpoint port.</summary>
    public int QueuePort { get; }

    /// <summary>The table endpoint port.</summary>
    public int TablePort { get; }

    /// <summary>The connection string of the emulator's well-known development account on these ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    public static Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, null, cancellationToken);

    /// <summary>
    /// Starts Azurite keeping its data in <paramref name="location"/> (null: in memory), on <paramref name="ports"/>
    /// (null: free ones), so a stopped instance can be started again on the same data at the same address.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(string? location, (int Blob, int Queue, int Table)? ports, CancellationToken cancellationToken = default)
    {
        // Free ports are free when asked, not when Azurite binds them: test assemblies start theirs side by side, and
        // one that lost a port to another exits at once. It gets new ports; a fixed address has no second choice.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(location, ports, cancellationToken);
            }
            catch (AzuriteExitedException) when (ports is null && attempt < 3)
            {
            }
        }
    }

    private sealed class AzuriteExitedException(string message) : InvalidOperationException(message);

    private static async Task<AzuriteInstance> StartOnceAsync(string? location, (int Blob, int Queue, int Table)? ports, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}. Run 'npm ci' in {root} (the test command in README.md does).");
        }

        var (blob, queue, table) = ports ?? (FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(arg);
        }

        // Azurite keeps every table row in its heap; Node's default limit (about 4 GB) makes a large benchmark's
        // emulator spend its time collecting garbage long before the machine runs out of memory.
        info.Environment["NODE_OPTIONS"] = "--max-old-space-size=12288";
        if (location is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(location);
        }

        // REPLIES_AZURITE_DEBUG=<file> keeps Azurite's debug log, to see what the emulator spends its time on.
        if (Environment.GetEnvironmentVariable("REPLIES_AZURITE_DEBUG") is { Length: > 0 } debugLog)
        {
            info.ArgumentList.Add("--debug");
            info.ArgumentList.Add(debugLog);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new AzuriteInstance(process, blob, queue, table, location);
        // Node starts slowly while other test assemblies build hosts and browsers on the same two cores.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        foreach (var port in new[] { blob, queue, table })
        {
            while (!await AcceptsAsync(port, cancellationToken))
            {
                if (process.HasExited)
                {
                    await instance.DisposeAsync();
                    throw new AzuriteExitedException($"Azurite exited before listening on port {port}: {string.Join(" | ", errors)}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    await instance.DisposeAsync();
                    throw new InvalidOperationException($"Azurite did not start listening on port {port} within 180 s: {string.Join(" | ", errors)}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }

        return instance;
    }

    /// <summary>The repository root: the nearest folder above the test binaries with package.json.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "Replies.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (package.json beside Replies.sln).");
    }

    /// <summary>
    /// Stops Azurite as an operator would (SIGTERM: it closes its servers and writes its data), killing it if it has not
    /// exited after ten seconds (Azurite 3.37 can hang after closing); the ports are closed when this returns.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (await AcceptsAsync(port, CancellationToken.None))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A new Azurite on this one's data and ports, after <see cref="StopAsync"/>.</summary>
    public Task<AzuriteInstance> RestartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(Location ?? throw new InvalidOperationException("An in-memory Azurite has nothing to start again on."), (BlobPort, QueuePort, TablePort), cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
