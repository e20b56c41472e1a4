using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Replies.Functions.Notices;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Notices;

namespace Replies.Functions.IntegrationTests;

/// <summary>
/// Notices leaving the app: a real SMTP server (netDumbster) and a real HTTP listener that checks each SMS provider's
/// parameters and signature as documented. Every delivery arrives once on each channel its person chose; failures are
/// retried, then shown to the clerk office and re-sent; quiet hours hold an SMS until 08:00.
/// </summary>
public sealed class NoticeDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string DeputyMobile = "13800000001";
    private const string MemberMobile = "13800000003";

    [Fact]
    public async Task Each_notice_of_a_whole_lifecycle_arrives_once_on_each_channel_its_person_chose()
    {
        using var mail = MailCatcher.Start();
        await using var sms = await SmsGatewayListener.StartAsync();
        await using var host = await StartAsync(mail, sms, "aliyun", Clock(10));

        var id = await host.SubmitAsync(ApiHost.Deputy, coSigners: [ApiHost.Deputy2]);
        await host.OkAsync(ApiHost.Deputy2, $"/api/proposals/{id}/cosign", new { confirmed = true });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/assignment", new { leadDepartment = ApiHost.Lead, coHandlers = new[] { ApiHost.CoDepartment } });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/sign-for");
        await host.OkAsync(ApiHost.CoHandler, $"/api/proposals/{id}/sign-for");
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/contacts", new { date = Today(host), form = "当面", summary = "当面沟通" });
        var v1 = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "叶元朋代表：您提出的建议收悉。现答复如下：\n一、工作开展情况" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = v1.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = false, comments = "请补充下一步打算。" });
        var v2 = await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/drafts", new { text = "叶元朋代表：您提出的建议收悉。现答复如下：\n一、工作开展情况\n二、下一步打算" });
        await host.OkAsync(ApiHost.Handler, $"/api/proposals/{id}/submission", new { draftVersion = v2.GetProperty("version").GetInt32(), resultClass = "B", disclosure = "Full", handlerName = "徐晓军", handlerPhone = "0355-2022535" });
        await host.OkAsync(ApiHost.Leader, $"/api/proposals/{id}/approval", new { approved = true });
        await host.OkAsync(ApiHost.Deputy, $"/api/proposals/{id}/feedback", new { rating = "Satisfied" });

        // What the directory says each notice of the outbox owes, once all of it is recorded sent.
        var owed = await OwedAsync(host);
        Assert.Contains(owed, d => d.Address == DeputyMobile);
        Assert.Contains(owed, d => d.Address == "zhang.weidong@kjj.example.cn" || d.Address == "13900000002");
        await WaitUntilAsync(async () => (await SentAsync(host)).Count == owed.Count);
        Assert.Equal(owed.Where(d => d.Channel == NoticeChannel.Mail).Select(d => d.Address).Order(), mail.Received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Equal(owed.Where(d => d.Channel == NoticeChannel.Sms).Select(d => d.Address).Order(), sms.Received.Select(s => s.Mobile).Order());
        Assert.Equal(mail.Received.Count, mail.Shown.Count);
        Assert.Empty(sms.Refused);

        // The deputy learns of the reply by mail (with a link) and SMS; the co-signer, who has no mobile, by mail only;
        // the leader is asked to approve by SMS, the only channel he chose.
        var replied = mail.Received.Single(m => m.To.Mailboxes.Single().Address == "ye.yuanpeng@example.cn" && (m.TextBody ?? "").Contains("已答复", StringComparison.Ordinal));
        Assert.StartsWith("【答复】", replied.Subject, StringComparison.Ordinal);
        Assert.Contains($"/items/{id}", replied.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains(mail.Received, m => m.To.Mailboxes.Single().Address == "li.hongmei@example.cn" && (m.TextBody ?? "").Contains("已答复", StringComparison.Ordinal));
        Assert.Contains(sms.Received, s => s.Mobile == DeputyMobile && s.Content.Contains("已答复", StringComparison.Ordinal) && s.TemplateCode == "SMS_REPLY");
        Assert.Contains(sms.Received, s => s.Mobile == "13900000002" && s.TemplateCode == "SMS_APPROVAL");
        Assert.All(sms.Received, s => Assert.True(s.SignName.Length + 2 + Template(s.TemplateCode).Replace("${content}", "", StringComparison.Ordinal).Length + s.Content.Length <= SmsChannel.Segment, $"{s.Content} is longer than one segment"));
    }

    [Fact]
    public async Task A_gateway_that_answers_500_or_hangs_is_retried_then_shown_to_the_clerk_who_sends_it_again()
    {
        using var mail = MailCatcher.Start();
        await using var sms = await SmsGatewayListener.StartAsync();
        await using var host = await StartAsync(mail, sms, "tencent", Clock(10), "--extensions:queues:maxDequeueCount=3", "--Replies:Sms:TimeoutSeconds=1");
        sms.Break(DeputyMobile, "fail");
        sms.Break(MemberMobile, "hang");

        var deputys = await host.SubmitAsync(ApiHost.Deputy);
        var members = await host.SubmitAsync(ApiHost.Member, title: "关于完善科技成果转化机制的提案");
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{deputys}/filing", new { decision = "File" });
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{members}/filing", new { decision = "File" });

        JsonElement failed = default;
        await WaitUntilAsync(async () => (failed = await host.GetJsonAsync(ApiHost.Clerk, "/api/notices/failed")).GetArrayLength() == 2);
        var reasons = failed.EnumerateArray().Select(f => (Channel: f.GetProperty("channel").GetString(), Reason: f.GetProperty("reason").GetString()!, Attempts: f.GetProperty("attempts").GetInt32())).ToList();
        Assert.All(reasons, r => Assert.Equal(("短信", 3), (r.Channel, r.Attempts)));
        Assert.Contains(reasons, r => r.Reason.Contains("500", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Reason.Contains("超时", StringComparison.Ordinal));
        Assert.Empty(sms.Received);
        Assert.Single(mail.Received, m => m.To.Mailboxes.Single().Address == "ye.yuanpeng@example.cn");

        // Mended, and sent again by the clerk: each SMS arrives once, the mail that went is not sent again.
        sms.Heal(DeputyMobile);
        sms.Heal(MemberMobile);
        // One through the API, the other from the board's form, as a clerk would.
        var first = failed.EnumerateArray().First();
        var resent = await host.PostAsync(ApiHost.Clerk, "/api/notices/resend", new { recipient = first.GetProperty("recipient").GetString(), key = first.GetProperty("key").GetString() });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, resent.StatusCode);
        using var clerk = await host.SignedInBrowserAsync(ApiHost.Clerk);
        var board = await clerk.GetStringAsync("/board");
        Assert.Contains("发送失败的通知", board, StringComparison.Ordinal);
        var second = failed.EnumerateArray().Last();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(second.GetProperty("reason").GetString()!), board, StringComparison.Ordinal);
        var form = await clerk.PostAsync("/notices/resend", SignedForms.Of(board, new Dictionary<string, string>
        {
            ["r"] = second.GetProperty("recipient").GetString()!,
            ["k"] = second.GetProperty("key").GetString()!,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, form.StatusCode);

        await WaitUntilAsync(async () => sms.Received.Count == 2 && (await host.GetJsonAsync(ApiHost.Clerk, "/api/notices/failed")).GetArrayLength() == 0 && (await SentAsync(host)).Count == (await OwedAsync(host)).Count);
        Assert.Equal([DeputyMobile, MemberMobile], sms.Received.Select(s => s.Mobile).Order());
        Assert.Single(mail.Received, m => m.To.Mailboxes.Single().Address == "ye.yuanpeng@example.cn");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.PostAsync(ApiHost.Clerk, "/api/notices/resend", new { recipient = "person:ye-yuanpeng", key = "nothing" })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await host.PostAsync(ApiHost.Handler, "/api/notices/resend", new { recipient = "person:ye-yuanpeng", key = "nothing" })).StatusCode);
    }

    [Fact]
    public async Task A_sender_that_dies_after_sending_and_before_recording_sends_the_same_message_again_which_shows_once()
    {
        using var mail = MailCatcher.Start();
        await using var sms = await SmsGatewayListener.StartAsync();
        var dying = new DyingAfterSend();
        await using var host = await StartAsync(mail, sms, "aliyun", Clock(10), customize: services => services.AddTransient<INoticeChannel>(sp => dying.Wrap(ActivatorUtilities.CreateInstance<MailChannel>(sp))));

        var id = await host.SubmitAsync(ApiHost.Deputy);
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        await WaitUntilAsync(async () => (await SentAsync(host)).Count == (await OwedAsync(host)).Count);

        // The first send of the deputy's mail went out and its sender died before recording it; the next attempt sent
        // the same message (same Message-ID), which a mail program shows once.
        var toDeputy = mail.Received.Where(m => m.To.Mailboxes.Single().Address == "ye.yuanpeng@example.cn").ToList();
        Assert.Equal(2, toDeputy.Count);
        Assert.Single(toDeputy.DistinctBy(m => m.MessageId));
        Assert.Equal(mail.Shown.Count, (await OwedAsync(host)).Count(d => d.Channel == NoticeChannel.Mail));
        Assert.Equal(1, dying.Deaths);
    }

    [Fact]
    public async Task Quiet_hours_hold_an_sms_until_eight_while_the_mail_goes_at_once()
    {
        using var mail = MailCatcher.Start();
        await using var sms = await SmsGatewayListener.StartAsync();
        var clock = Clock(23);
        await using var host = await StartAsync(mail, sms, "aliyun", clock);

        var id = await host.SubmitAsync(ApiHost.Deputy);
        await host.OkAsync(ApiHost.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });
        var filed = await WaitForRowAsync(host, r => r.RowKey == $"{NoticeChannel.Sms}|{ApiHost.Deputy}" && r.GetString("State") == nameof(DeliveryState.Held));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.Date.AddDays(1), filed.GetDateTime("HoldUntil"));
        Assert.Contains(mail.Received, m => m.To.Mailboxes.Single().Address == "ye.yuanpeng@example.cn" && (m.TextBody ?? "").Contains("已立案", StringComparison.Ordinal));
        Assert.DoesNotContain(sms.Received, s => s.Mobile == DeputyMobile);

        clock.Advance(TimeSpan.FromHours(9) + TimeSpan.FromMinutes(1));
        await WaitUntilAsync(() => Task.FromResult(sms.Received.Any(s => s.Mobile == DeputyMobile && s.Content.Contains("已立案", StringComparison.Ordinal))));
        await WaitForRowAsync(host, r => r.PartitionKey == filed.PartitionKey && r.RowKey == filed.RowKey && r.GetString("State") == nameof(DeliveryState.Sent));
        Assert.Single(sms.Received, s => s.Mobile == DeputyMobile);
    }

    // A fake clock at the given hour (China time) of a weekday.
    private static FakeTimeProvider Clock(int chinaHour)
    {
        var today = DateTimeOffset.UtcNow.Date;
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 + 7);
        return new FakeTimeProvider(new DateTimeOffset(monday.AddHours(chinaHour - 8), TimeSpan.Zero));
    }

    private Task<ApiHost> StartAsync(MailCatcher mail, SmsGatewayListener sms, string gateway, FakeTimeProvider clock, params string[] extra) =>
        StartAsync(mail, sms, gateway, clock, null, extra);

    private Task<ApiHost> StartAsync(MailCatcher mail, SmsGatewayListener sms, string gateway, FakeTimeProvider clock, Action<IServiceCollection>? customize, params string[] extra)
    {
        string[] args =
        [
            "--Replies:Mail:Host=127.0.0.1",
            $"--Replies:Mail:Port={mail.Port}",
            "--Replies:Mail:Security=None",
            "--Replies:Mail:From=ducha@example.cn",
            $"--Replies:Sms:Gateway={gateway}",
            "--Replies:Sms:SignName=市政府督查室",
            $"--Replies:Sms:Aliyun:Endpoint={sms.Endpoint}",
            $"--Replies:Sms:Aliyun:AccessKeyId={SmsGatewayListener.AccessKeyId}",
            $"--Replies:Sms:Aliyun:AccessKeySecret={SmsGatewayListener.AccessKeySecret}",
            $"--Replies:Sms:Tencent:Endpoint={sms.Endpoint}",
            $"--Replies:Sms:Tencent:SecretId={SmsGatewayListener.SecretId}",
            $"--Replies:Sms:Tencent:SecretKey={SmsGatewayListener.SecretKey}",
            $"--Replies:Sms:Tencent:SdkAppId={SmsGatewayListener.SdkAppId}",
            "--extensions:queues:visibilityTimeout=00:00:00.200",
            "--extensions:queues:maxPollingInterval=00:00:00.100",
            .. Enum.GetNames<NotificationKind>().SelectMany(kind => new[] { $"--Replies:Sms:Templates:{kind}:Code=SMS_{kind.ToUpperInvariant()}", $"--Replies:Sms:Templates:{kind}:Text={Template($"SMS_{kind.ToUpperInvariant()}")}" }),
            .. extra,
        ];
        return ApiHost.StartAsync(azurite.ConnectionString, false, null, false, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            customize?.Invoke(builder.Services);
        }, args);
    }

    // The approved text of each test template: a fixed lead-in and the one variable.
    private static string Template(string code) => code == "SMS_REMINDER" ? "催办提醒：${content}" : "${content}";

    private static string Today(ApiHost host) => global::Replies.Workflows.Rules.ChinaTime.IsoDay(global::Replies.Workflows.Rules.ChinaTime.Today(host.Services.GetRequiredService<TimeProvider>()));

    private sealed record Owed(string Notice, NoticeChannel Channel, string Address);

    // Every delivery the outbox owes by the directory's channels.
    private static async Task<List<Owed>> OwedAsync(ApiHost host)
    {
        var directory = host.Services.GetRequiredService<DirectoryStore>();
        var owed = new List<Owed>();
        foreach (var notice in await NoticeOutbox.ListAsync(host.Storage, null))
        {
            owed.AddRange(NoticeAudience.Of(notice.Id.Recipient, notice.Kind, directory).Select(d => new Owed(notice.Id.ToString(), d.Channel, d.Channel == NoticeChannel.Mail ? d.Person.Email! : d.Person.Mobile!)));
        }

        Assert.NotEmpty(owed);
        return owed;
    }

    private static async Task<List<TableEntity>> SentAsync(ApiHost host)
    {
        var sent = new List<TableEntity>();
        await foreach (var row in host.Storage.Deliveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"State eq {nameof(DeliveryState.Sent)}")))
        {
            sent.Add(row);
        }

        return sent;
    }

    private static async Task<TableEntity> WaitForRowAsync(ApiHost host, Func<TableEntity, bool> match)
    {
        TableEntity? found = null;
        await WaitUntilAsync(async () =>
        {
            await foreach (var row in host.Storage.Deliveries.QueryAsync<TableEntity>())
            {
                if (match(row))
                {
                    found = row;
                    return true;
                }
            }

            return false;
        });
        return found!;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(60), "condition never held", TimeSpan.FromMilliseconds(100));

    // A mail channel whose sender dies once, right after the mail left and before the delivery is recorded.
    private sealed class DyingAfterSend
    {
        private int _deaths;

        public int Deaths => _deaths;

        public INoticeChannel Wrap(INoticeChannel inner) => new Dying(inner, this);

        private sealed class Dying(INoticeChannel inner, DyingAfterSend owner) : INoticeChannel
        {
            public NoticeChannel Channel => inner.Channel;

            public bool Enabled => inner.Enabled;

            public string Address(DirectoryPerson person) => inner.Address(person);

            public async Task<string?> SendAsync(OutgoingNotice notice, CancellationToken cancellationToken)
            {
                var sent = await inner.SendAsync(notice, cancellationToken);
                if (notice.Person.PersonId == ApiHost.Deputy && Interlocked.CompareExchange(ref owner._deaths, 1, 0) == 0)
                {
                    throw new InvalidOperationException("the sender died after sending");
                }

                return sent;
            }
        }
    }
}
