using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Replies.Testing;

/// <summary>The ways a storage request fails at the proxy.</summary>
public enum ProxyFault
{
    /// <summary>Answered 503 without reaching storage.</summary>
    Unavailable,

    /// <summary>The connection is reset before the request reaches storage.</summary>
    Reset,

    /// <summary>Held for a while, then the connection is reset (a timeout seen from the client).</summary>
    Stalled,

    /// <summary>Applied by storage, then the answer is dropped: the client's retry meets its own write.</summary>
    AnswerLost,
}

/// <summary>
/// An HTTP proxy in front of one Azurite service that fails a seeded share of requests the ways storage and networks
/// fail (<see cref="ProxyFault"/>). Because every client that is given the proxy's endpoint goes through it — the app's
/// stores, the Durable extension under the real host, the local engine — faults reach all of them alike.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Trailer", "Upgrade", "Proxy-Connection", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _forward;
    private readonly Uri _target;
    private readonly Random _random;
    private readonly ProxyFault[] _kinds;
    private readonly int[] _counts = new int[Enum.GetValues<ProxyFault>().Length];
    private long _requests;

    private FaultProxy(WebApplication app, Uri target, int seed, ProxyFault[] kinds)
    {
        _app = app;
        _target = target;
        _random = new Random(seed);
        _kinds = kinds;
        _forward = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; private set; }

    /// <summary>The share of requests failed while <see cref="Enabled"/>.</summary>
    public double Rate { get; set; }

    /// <summary>Whether faults are injected now (off while hosts start and results are checked).</summary>
    public bool Enabled { get; set; }

    /// <summary>Requests seen, and faults injected by kind.</summary>
    public (long Requests, IReadOnlyDictionary<ProxyFault, int> Faults) Counts =>
        (Interlocked.Read(ref _requests), Enum.GetValues<ProxyFault>().ToDictionary(k => k, k => Volatile.Read(ref _counts[(int)k])));

    /// <summary>Starts a proxy on a free port forwarding to <paramref name="targetPort"/> on this machine.</summary>
    public static async Task<FaultProxy> StartAsync(int targetPort, double rate = 0, int seed = 24, params ProxyFault[] kinds)
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var proxy = new FaultProxy(app, new Uri($"http://127.0.0.1:{targetPort}"), seed, kinds.Length > 0 ? kinds : Enum.GetValues<ProxyFault>()) { Rate = rate, Port = port };
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>
    /// A connection string whose blob, queue and table endpoints are the given proxies in front of an Azurite with the
    /// well-known development account.
    /// </summary>
    public static string ConnectionString(FaultProxy blobs, FaultProxy queues, FaultProxy tables)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(tables);
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{blobs.Port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queues.Port}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tables.Port}/devstoreaccount1;";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        ProxyFault? fault = null;
        if (Enabled)
        {
            lock (_random)
            {
                if (_random.NextDouble() < Rate)
                {
                    fault = _kinds[_random.Next(_kinds.Length)];
                }
            }
        }

        if (fault is { } f)
        {
            Interlocked.Increment(ref _counts[(int)f]);
        }

        switch (fault)
        {
            case ProxyFault.Unavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("Service Unavailable (injected by the fault proxy)");
                return;
            case ProxyFault.Reset:
                context.Abort();
                return;
            case ProxyFault.Stalled:
                await Task.Delay(TimeSpan.FromSeconds(2));
                context.Abort();
                return;
        }

        // The target as sent: Kestrel's Path is decoded, and a re-encoded path no longer matches the signature.
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, target));
        // An empty body keeps its Content-Type and Content-Length: both are part of the shared-key signature.
        if (context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0 || context.Request.ContentType is not null)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (request.Content is not null && context.Request.ContentLength is { } length)
        {
            request.Content.Headers.ContentLength = length;
        }

        using var response = await _forward.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (fault == ProxyFault.AnswerLost)
        {
            // Storage applied it; the client never hears.
            context.Abort();
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (response.Content.Headers.ContentLength is { } size)
        {
            context.Response.ContentLength = size;
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
