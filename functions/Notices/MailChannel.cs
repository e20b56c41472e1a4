using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Replies.Workflows.Directory;
using Replies.Workflows.Notices;

namespace Replies.Functions.Notices;

/// <summary>
/// Mails a notice over SMTP (MailKit): a Chinese subject and body from the notice, a link to the item, and a
/// Message-ID made from the delivery, so that a copy sent again after a crash is the same message to every mail
/// program.
/// </summary>
public sealed class MailChannel(IOptions<MailOptions> options, IOptions<NoticeOptions> notices, TimeProvider time) : INoticeChannel
{
    public NoticeChannel Channel => NoticeChannel.Mail;

    public bool Enabled => !string.IsNullOrEmpty(options.Value.Host);

    public string Address(DirectoryPerson person) => person?.Email ?? "";

    public async Task<string?> SendAsync(OutgoingNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var o = options.Value;
        var message = Compose(notice, o, notices.Value.BaseUrl, time.GetUtcNow());
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(o.Host!, o.Port, Enum.Parse<SecureSocketOptions>(o.Security, ignoreCase: true), cancellationToken);
        if (!string.IsNullOrEmpty(o.User))
        {
            await client.AuthenticateAsync(o.User, o.Password ?? "", cancellationToken);
        }

        var answer = await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return string.IsNullOrWhiteSpace(answer) ? message.MessageId : answer.Trim();
    }

    /// <summary>The mail of a notice.</summary>
    public static MimeMessage Compose(OutgoingNotice notice, MailOptions options, string baseUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(options);
        var label = NoticeTexts.Label(notice.Kind);
        var link = $"{baseUrl.TrimEnd('/')}/items/{Uri.EscapeDataString(notice.ProposalId)}";
        var message = new MimeMessage
        {
            MessageId = $"{notice.DeliveryId(NoticeChannel.Mail)}@{Domain(options.From)}",
            Subject = $"【{label}】{NoticeTexts.Fit(notice.Message, 60)}",
            Date = now,
            Body = new TextPart("plain")
            {
                Text = $"{notice.Person.Name}：\n\n{notice.Message}\n\n请登录建议提案办理系统查看办理：{link}\n\n此邮件由系统自动发送，请勿直接回复。\n{options.FromName}\n",
            },
        };
        message.From.Add(new MailboxAddress(options.FromName, options.From));
        message.To.Add(new MailboxAddress(notice.Person.Name, notice.Person.Email ?? throw new InvalidOperationException("此人没有邮箱地址。")));
        return message;
    }

    private static string Domain(string address) => address.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? address[(at + 1)..] : "replies.local";
}
