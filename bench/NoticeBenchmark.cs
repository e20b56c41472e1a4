using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Replies.Functions.Seeding;
using Replies.Local.Hosting;
using Replies.Testing;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Notices;
using Replies.Workflows.Storage;

namespace Replies.Bench;

/// <summary>
/// Notices leaving the app on the local host: <c>count</c> notices to a person who chose mail and SMS, written to the
/// outbox and queued as a transition does, delivered to an SMTP server in this process and to an HTTP listener that
/// checks Alibaba Cloud's signing: deliveries per second and storage requests per notice (the app's clients, queue
/// polling included). Then items whose reply deadline reminder falls due when the business clock is moved past it:
/// the delay from the move to each reminder's mail.
/// </summary>
internal static class NoticeBenchmark
{
    public static async Task<Dictionary<string, object>> RunAsync(string connectionString, int count, int items = 20)
    {
        using var mail = MailCatcher.Start();
        await using var sms = await SmsGatewayListener.StartAsync();
        var today = DateTimeOffset.UtcNow.Date;
        var clock = new FakeTimeProvider(new DateTimeOffset(today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7).AddHours(2), TimeSpan.Zero));
        var counter = new StorageRequestCounter();
        string[] args =
        [
            .. LocalHostArgs.For(connectionString, "Notices", listen: true),
            "--Replies:Schedules:DeadlineSweep=00:00:00.500",
            "--Replies:Api:DecisionWaitSeconds=60",
            "--Replies:Mail:Host=127.0.0.1",
            $"--Replies:Mail:Port={mail.Port}",
            "--Replies:Mail:Security=None",
            "--Replies:Sms:Gateway=aliyun",
            $"--Replies:Sms:Aliyun:Endpoint={sms.Endpoint}",
            $"--Replies:Sms:Aliyun:AccessKeyId={SmsGatewayListener.AccessKeyId}",
            $"--Replies:Sms:Aliyun:AccessKeySecret={SmsGatewayListener.AccessKeySecret}",
            .. Enum.GetNames<NotificationKind>().Select(kind => $"--Replies:Sms:Templates:{kind}:Code=SMS_{kind.ToUpperInvariant()}"),
        ];
        var app = LocalHost.Create(args, b => b.Services.AddSingleton<TimeProvider>(clock), counter.AddTo, appClientsOnly: true);
        await LocalHost.StartAsync(app);
        var sample = JsonSerializer.Deserialize<SampleData>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seeds", "sample.json")), ApiBenchmark.Json)!;
        await app.Services.GetRequiredService<DirectoryStore>().ImportAsync(sample.Directory);
        var storage = app.Services.GetRequiredService<ReplyStorage>();

        // 1. Throughput: each notice is one mail and one SMS to the deputy.
        var before = counter.Total;
        var run = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await NoticeOutbox.WriteAsync(storage, $"bench-{i:D6}", "00001", clock.GetUtcNow().UtcDateTime, [new Notification(Recipients.Person("ye-yuanpeng"), NotificationKind.Task, $"《关于加强科技创新促进产业发展的建议（{i}）》已交由贵单位主办，请按期签收。")], ct));
        var written = run.Elapsed.TotalSeconds;
        await WaitAsync(() => mail.Count >= count && sms.Count >= count, TimeSpan.FromMinutes(30));
        var seconds = run.Elapsed.TotalSeconds;
        var requests = counter.Total - before;
        var delivered = mail.Count + sms.Count;
        Console.Error.WriteLine($"{count:N0} notices ({mail.Count:N0} mails, {sms.Count:N0} SMS) in {seconds:0.0} s; {requests / (double)count:0.0} storage requests per notice: {counter.TakeBreakdown()}");

        // 2. A reminder's delay: items drafting with a reply deadline; the business clock moved past the 15-day reminder.
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var tokens = app.Services.GetRequiredService<Functions.Identity.DevTokens>();
        using var handler = new SocketsHttpHandler();
        HttpClient As(string person)
        {
            var c = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(person, person).Token);
            return c;
        }

        var (deputy, clerk, handlerClient) = (As("ye-yuanpeng"), As("zhou-min"), As("xu-xiaojun"));
        var ids = new List<string>();
        for (var i = 0; i < items; i++)
        {
            var created = await deputy.PostAsJsonAsync("/api/proposals", new { title = $"关于完善社区养老服务设施的建议（{i}）", body = "建议完善社区养老服务设施，加强日间照料中心建设，提高服务质量。", category = "社会保障" });
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await WaitAsync(async () => (await clerk.GetAsync($"/api/proposals/{id}")).IsSuccessStatusCode, TimeSpan.FromMinutes(1));
            (await clerk.PostAsJsonAsync($"/api/proposals/{id}/filing", new { decision = "File" })).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/proposals/{id}/assignment", new { leadDepartment = "市科学技术局" })).EnsureSuccessStatusCode();
            (await handlerClient.PostAsync($"/api/proposals/{id}/sign-for", null)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        var due = DateOnly.Parse((await clerk.GetFromJsonAsync<JsonElement>($"/api/proposals/{ids[0]}")).GetProperty("summary").GetProperty("replyDue").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var moved = Stopwatch.StartNew();
        clock.SetUtcNow(new DateTimeOffset(due.AddDays(-15).ToDateTime(new TimeOnly(16, 30)), TimeSpan.Zero));
        var delays = new List<double>();
        await WaitAsync((Func<bool>)(() =>
        {
            var arrived = mail.Received.Count(m => m.Subject?.StartsWith("【催办】", StringComparison.Ordinal) == true && m.To.Mailboxes.Single().Address == "xu.xiaojun@kjj.example.cn");
            while (delays.Count < arrived)
            {
                delays.Add(moved.Elapsed.TotalSeconds);
            }

            return arrived >= items;
        }), TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(50), async () =>
        {
            var reminders = (await NoticeOutbox.ListAsync(storage, null)).Count(n => n.Kind == NotificationKind.Reminder);

            var alarms = new List<string>();
            await foreach (var row in storage.Alarms.QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                alarms.Add(row.RowKey);
            }

            var states = new List<string>();
            await foreach (var row in storage.Deliveries.QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                states.Add($"{row.PartitionKey} {row.RowKey} {row.GetString("State")} {row.GetString("LastError")}");
            }

            return $"clock {clock.GetUtcNow():u}, due {due}, {reminders} reminders in the outbox, alarms: {string.Join(", ", alarms.Take(5))}\n{string.Join('\n', states.Where(x => !x.Contains("bench-", StringComparison.Ordinal)))}\n";
        });
        delays.Sort();
        await app.StopAsync();
        return new Dictionary<string, object>
        {
            ["benchmark"] = "notices",
            ["notices"] = count,
            ["deliveries"] = delivered,
            ["outbox_write_s"] = Math.Round(written, 2),
            ["deliver_s"] = Math.Round(seconds, 2),
            ["deliveries_per_s"] = Math.Round(delivered / seconds, 1),
            ["storage_requests_per_notice"] = Math.Round(requests / (double)count, 1),
            ["reminder_items"] = items,
            ["reminder_delay_p50_s"] = Math.Round(delays[delays.Count / 2], 2),
            ["reminder_delay_max_s"] = Math.Round(delays[^1], 2),
            ["sms_refused"] = sms.Refused.Count,
        };
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan limit, TimeSpan? every = null, Func<Task<string>>? why = null) =>
        WaitAsync(() => Task.FromResult(condition()), limit, every, why);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan? every = null, Func<Task<string>>? why = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException("the notices did not all arrive: " + (why is null ? "" : await why()));
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
