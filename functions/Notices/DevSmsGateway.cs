using Azure.Data.Tables;
using Replies.Workflows.Storage;

namespace Replies.Functions.Notices;

/// <summary>
/// The development gateway: keeps each SMS in storage by its out-id (so a copy sent twice shows once), for a person to
/// read at /dev/sms. Chosen with <c>Replies:Sms:Gateway=dev</c>; never in production.
/// </summary>
public sealed class DevSmsGateway(ReplyStorage storage, TimeProvider time) : ISmsGateway
{
    public string Name => "dev";

    public async Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow().UtcDateTime;
        await storage.DevSms.UpsertEntityAsync(
            new TableEntity(Partition, message.OutId)
            {
                ["Mobile"] = message.Mobile,
                ["TemplateCode"] = message.TemplateCode,
                ["Text"] = message.Text,
                ["At"] = now,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        return message.OutId;
    }

    /// <summary>The SMS kept, newest first.</summary>
    public async Task<IReadOnlyList<(string Mobile, string Text, DateTime At)>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await PartitionRows.ReadAsync(storage.DevSms, Partition, cancellationToken);
        return [.. rows.Select(r => (r.GetString("Mobile") ?? "", r.GetString("Text") ?? "", r.GetDateTime("At") ?? default)).OrderByDescending(r => r.Item3)];
    }

    private const string Partition = "sms";
}
