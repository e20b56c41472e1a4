using System.Text.Json;
using Azure.Data.Tables;
using Replies.Workflows.Storage;

namespace Replies.Host.Tests;

/// <summary>
/// Notices leave the app under the real host: its queue listener runs the sender (indexed and enabled with the
/// settings of functions/local.settings.json), which mails the deputy through SMTP and sends the SMS through the
/// development gateway.
/// </summary>
[Collection(OneHost.Name)]
public sealed class NoticesUnderTheHostTests(OneHostFixture fixture)
{
    [Fact]
    public async Task A_filed_proposal_reaches_its_deputy_by_mail_and_sms_through_the_hosts_queue_trigger()
    {
        using var admin = fixture.Host.Client();
        admin.DefaultRequestHeaders.Add("x-functions-key", fixture.Host.MasterKey());
        var listed = JsonDocument.Parse(await admin.GetStringAsync("/admin/functions")).RootElement;
        foreach (var name in new[] { "DeliverNotice", "FailNotice" })
        {
            var function = listed.EnumerateArray().SingleOrDefault(f => f.GetProperty("name").GetString() == name);
            Assert.True(function.ValueKind == JsonValueKind.Object, $"{name} is not indexed by the host");
            Assert.False(function.TryGetProperty("isDisabled", out var disabled) && disabled.GetBoolean(), $"{name} is disabled");
        }

        using var api = new HostApi(fixture.Host);
        var id = await api.SubmitAsync(HostApi.Deputy, "关于完善社区养老服务设施的建议");
        await api.OkAsync(HostApi.Clerk, $"/api/proposals/{id}/filing", new { decision = "File" });

        var storage = new ReplyStorage(fixture.Storage);
        await Eventually.GetAsync(
            async () => fixture.Mail.Received.Any(m => m.TextBody?.Contains("关于完善社区养老服务设施的建议", StringComparison.Ordinal) == true && m.To.Mailboxes.Single().Address == "ye.yuanpeng@example.cn")
                && await SmsSentOrHeldAsync(storage, id),
            arrived => arrived,
            TimeSpan.FromSeconds(60),
            _ => "the deputy's mail and SMS never arrived:\n" + string.Join('\n', fixture.Host.Log.Split('\n').Where(l => l.Contains("Notice", StringComparison.OrdinalIgnoreCase) || l.Contains("queue", StringComparison.OrdinalIgnoreCase)).TakeLast(30)),
            TimeSpan.FromMilliseconds(200));
    }

    // The deputy's SMS of this item went to the development gateway, or is held for 08:00 when the test runs in
    // China's quiet hours.
    private static async Task<bool> SmsSentOrHeldAsync(ReplyStorage storage, string id)
    {
        var notice = $"person:{HostApi.Deputy}|{id}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {notice} and PartitionKey lt {notice + "~"} and RowKey eq {"Sms|" + HostApi.Deputy}");
        await foreach (var row in storage.Deliveries.QueryAsync<TableEntity>(filter))
        {
            if (row.GetString("State") is "Sent" or "Held")
            {
                return true;
            }
        }

        return false;
    }
}
