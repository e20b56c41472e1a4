using Microsoft.Extensions.Options;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Notices;
using Replies.Workflows.Storage;

namespace Replies.Functions.Notices;

/// <summary>
/// Delivers one notice of the outbox to each person it reaches, on each channel they chose: claims each delivery,
/// holds a non-urgent SMS through quiet hours, sends, records. A delivery that fails is recorded with its error and the
/// whole notice is thrown back to the queue, which tries again after its visibility timeout and, after its last
/// attempt, moves it to the poison queue (<see cref="FailNotice"/>). Deliveries already sent are never sent again.
/// </summary>
public sealed class NoticeSender(
    ReplyStorage storage,
    DirectoryStore directory,
    DeliveryStore deliveries,
    IEnumerable<INoticeChannel> channels,
    IOptions<RulesProfile> rules,
    TimeProvider time,
    ILogger<NoticeSender> logger)
{
    /// <summary>Delivers the notice; throws <see cref="NoticeNotDeliveredException"/> when a delivery is still owed.</summary>
    public async Task DeliverAsync(NoticeId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (await NoticeOutbox.GetAsync(storage, id, cancellationToken) is not { } notice)
        {
            logger.LogWarning("Notice {Notice} is not in the outbox; nothing to deliver", id);
            return;
        }

        var (kind, message, proposalId) = (notice.Kind, notice.Message, notice.ProposalId);
        await directory.LoadAsync(cancellationToken: cancellationToken);
        if (NoticeAudience.OnPaper(id.Recipient, directory.People) is { } onPaper)
        {
            // The clerks pass it on: their mail and SMS say to whom, and 消息 shows it to the clerk office.
            message = NoticeAudience.PassOn(onPaper, message);
            await NoticeOutbox.CopyToClerkOfficeAsync(storage, id, proposalId, new Notification(id.Recipient, kind, message), notice.CreatedAt, cancellationToken);
        }

        var owed = new List<string>();
        foreach (var (person, channelKind) in NoticeAudience.Of(id.Recipient, kind, directory))
        {
            if (channels.FirstOrDefault(c => c.Channel == channelKind && c.Enabled) is not { } channel)
            {
                continue;
            }

            var claim = await deliveries.ClaimAsync(id, channelKind, person.PersonId, cancellationToken);
            if (!claim.Granted)
            {
                if (claim.State == DeliveryState.Sending)
                {
                    owed.Add($"{person.Name}（{channelKind}）正由另一发送进程处理");
                }

                continue;
            }

            if (channelKind == NoticeChannel.Sms && !rules.Value.UrgentNoticeKinds.Contains(kind) && ChinaTime.QuietUntil(time.GetUtcNow().UtcDateTime) is { } until)
            {
                await deliveries.HoldAsync(claim, until, cancellationToken);
                continue;
            }

            var outgoing = new OutgoingNotice(id, person, kind, message, proposalId);
            try
            {
                var providerId = await channel.SendAsync(outgoing, cancellationToken);
                await deliveries.SentAsync(claim, channel.Address(person), providerId, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Notice {Notice} to {Person} by {Channel} failed (attempt {Attempt})", id, person.PersonId, channelKind, claim.Attempts);
                await deliveries.RetryAsync(claim, Reason(e), CancellationToken.None);
                owed.Add($"{person.Name}（{channelKind}）：{Reason(e)}");
            }
        }

        if (owed.Count > 0)
        {
            throw new NoticeNotDeliveredException($"通知 {id} 尚未送达：{string.Join("；", owed)}");
        }
    }

    // What the clerk office reads about a failure.
    private static string Reason(Exception e) => e switch
    {
        SmsRefusedException => e.Message,
        MailKit.Net.Smtp.SmtpCommandException smtp => $"邮件服务器拒收：{(int)smtp.StatusCode} {smtp.Message}",
        MailKit.Net.Smtp.SmtpProtocolException or MailKit.ServiceNotConnectedException or System.Net.Sockets.SocketException => $"无法连接邮件服务器：{e.Message}",
        HttpRequestException http => $"无法连接短信网关：{http.Message}",
        TaskCanceledException or TimeoutException => "发送超时。",
        _ => e.Message,
    };
}

/// <summary>A notice with a delivery still owed; the queue tries it again.</summary>
public sealed class NoticeNotDeliveredException(string message) : Exception(message);
