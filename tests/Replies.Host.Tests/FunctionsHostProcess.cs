using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Replies.Local.Hosting;

namespace Replies.Host.Tests;

/// <summary>
/// The published app (<c>artifacts/functions</c>, written by the test command) under the real Functions host, in its
/// own process on a free port: <c>../shared/functions-host/run-host.sh</c> (the host built from source) when that
/// folder is beside the repository, otherwise <c>func start</c> from the Core Tools, otherwise a failure saying how to
/// get a host. App settings are those of <c>functions/local.settings.json</c>, the test's storage and its overrides.
/// </summary>
public sealed partial class FunctionsHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly List<string> _httpCalls = [];
    private readonly ConcurrentDictionary<(string, string), int> _runs = new();
    private readonly string _secrets;

    private FunctionsHostProcess(Process process, int port, string secrets)
    {
        _process = process;
        _secrets = secrets;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the host and its worker have written so far.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>The published app the test command writes.</summary>
    public static string AppFolder
    {
        get
        {
            var folder = Path.Combine(AzuriteInstance.RepositoryRoot(), "artifacts", "functions");
            return File.Exists(Path.Combine(folder, "functions.metadata"))
                ? folder
                : throw new InvalidOperationException($"No published app in {folder}: run 'dotnet publish functions -c Release -o artifacts/functions' (scripts/test.sh does).");
        }
    }

    /// <summary>How long the last start took, from the process's launch to the home page's first answer.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Starts the host and waits until the home page answers.</summary>
    public static Task<FunctionsHostProcess> StartAsync(string storage, IReadOnlyDictionary<string, string>? settings = null) =>
        StartAsync(storage, settings, local: false);

    /// <summary>
    /// Starts <c>local/</c> (Replies.Local, as built by the test command) in its own process with the same settings,
    /// to run the same HTTP scenario on both hosts.
    /// </summary>
    public static Task<FunctionsHostProcess> StartLocalAsync(string storage) => StartAsync(storage, null, local: true);

    private static async Task<FunctionsHostProcess> StartAsync(string storage, IReadOnlyDictionary<string, string>? settings, bool local)
    {
        var root = AzuriteInstance.RepositoryRoot();
        var port = FreePort();
        var secrets = Directory.CreateTempSubdirectory("replies-host-keys-").FullName;
        var info = local ? LocalCommand(root, port) : Command(root, AppFolder, port);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        foreach (var (name, value) in LocalSettings.Read(Path.Combine(root, "functions", LocalSettings.FileName)))
        {
            info.Environment[name] = value;
        }

        info.Environment["AzureWebJobsStorage"] = storage;
        info.Environment["FUNCTIONS_SECRETS_PATH"] = secrets;
        info.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        // Tests submit and sign in far faster than people.
        foreach (var limit in new[] { "SubmissionsPerPerson", "SubmissionsPerAddress", "SignInsPerPerson", "SignInsPerAddress" })
        {
            info.Environment[$"Replies__Limits__{limit}"] = "100000";
        }

        info.Environment["Replies__Api__DecisionWaitSeconds"] = "30";
        // Each test adds the items it needs; the sample data stays out.
        info.Environment["Replies__Seeds__Load"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var started = Stopwatch.StartNew();
        var host = new FunctionsHostProcess(Process.Start(info) ?? throw new InvalidOperationException("Could not start the Functions host."), port, secrets);
        try
        {
            // 30 s on a quiet machine; one fresh-clone CI run, with two hosts starting beside the other test assemblies on
            // two cores, saw a host still loading its functions' metadata at 120 s.
            await host.WaitUntilServingAsync(TimeSpan.FromSeconds(300));
            host.StartTime = started.Elapsed;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>A client of this host that does not follow redirects.</summary>
    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>The host's master key (its admin API: function list, manual runs of non-HTTP functions).</summary>
    public string MasterKey()
    {
        using var keys = JsonDocument.Parse(File.ReadAllText(Path.Combine(_secrets, "host.json")));
        return keys.RootElement.GetProperty("masterKey").GetProperty("value").GetString()!;
    }

    /// <summary>Stops the host as the platform does (SIGTERM; it stops its worker), killing both after 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
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

    /// <summary>Kills the host and its worker without warning (SIGKILL), as a machine that fails does.</summary>
    public void Kill()
    {
        var children = Children(_process.Id);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        foreach (var child in children)
        {
            try
            {
                child.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // The worker is the host's child; a host that did not stop it leaves nothing behind either.
            var children = Children(_process.Id);
            await StopAsync();
            foreach (var child in children)
            {
                try
                {
                    child.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_secrets, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static ProcessStartInfo LocalCommand(string root, int port)
    {
        var local = Path.Combine(root, "local", "bin", "Release", "net10.0", "Replies.Local");
        if (!File.Exists(local))
        {
            throw new InvalidOperationException($"{local} is missing: build the solution in Release (scripts/test.sh does).");
        }

        var info = new ProcessStartInfo(local) { WorkingDirectory = Path.GetDirectoryName(local)! };
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        return info;
    }

    private static ProcessStartInfo Command(string root, string app, int port)
    {
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared", "functions-host", "run-host.sh"));
        if (File.Exists(shared))
        {
            var info = new ProcessStartInfo("bash") { WorkingDirectory = root };
            info.ArgumentList.Add(shared);
            info.ArgumentList.Add(app);
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return info;
        }

        if (OnPath("func") is { } func)
        {
            var info = new ProcessStartInfo(func) { WorkingDirectory = app };
            foreach (var arg in new[] { "start", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            return info;
        }

        throw new InvalidOperationException(
            $"No Azure Functions host: {shared} is absent and 'func' is not on PATH. Put the shared folder (with functions-host/) " +
            "beside this repository, or install the Core Tools on a machine with internet access: npm install -g azure-functions-core-tools@4.");
    }

    private async Task WaitUntilServingAsync(TimeSpan limit)
    {
        using var client = Client();
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The Functions host exited ({_process.ExitCode}):\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync("/");
                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The Functions host did not serve its home page within {limit.TotalSeconds} s:\n{Tail()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The last lines the host and its worker wrote, for a failure's message.</summary>
    public string Tail(int lines = 60) => string.Join('\n', _log.TakeLast(lines));

    /// <summary>The HTTP functions the host has run, in order (never trimmed, unlike <see cref="Log"/>).</summary>
    public IReadOnlyList<string> HttpCalls
    {
        get
        {
            lock (_httpCalls)
            {
                return [.. _httpCalls];
            }
        }
    }

    /// <summary>How many runs of the function the host has logged as ended with <paramref name="result"/> (Succeeded, Failed).</summary>
    public int Runs(string function, string result) => _runs.GetValueOrDefault((function, result));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (HostLine().Match(line) is { Success: true } match)
        {
            if (match.Groups["executing"].Success)
            {
                lock (_httpCalls)
                {
                    _httpCalls.Add(match.Groups["name"].Value);
                }
            }
            else
            {
                _runs.AddOrUpdate((match.Groups["name"].Value, match.Groups["result"].Value), 1, (_, n) => n + 1);
            }
        }

        _log.Enqueue(line);
        // Kept whole (a few MB for a test run): start-up lines such as an unresolved setting must stay readable.
        while (_log.Count > 500_000 && _log.TryDequeue(out _))
        {
        }
    }

    private static List<Process> Children(int parent)
    {
        var children = new List<Process>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
                    {
                        children.Add(Process.GetProcessById(pid));
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
                {
                }
            }
        }

        return children;
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(?<executing>Executing) 'Functions\.(?<name>[A-Za-z0-9_-]+)' \(Reason='This function was programmatically called via the host APIs\.'|Executed 'Functions\.(?<name>[A-Za-z0-9_-]+)' \((?<result>Succeeded|Failed)")]
    private static partial Regex HostLine();
}
