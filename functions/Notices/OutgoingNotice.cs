using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Notices;

namespace Replies.Functions.Notices;

/// <summary>One notice on its way to one person.</summary>
public sealed record OutgoingNotice(NoticeId Id, DirectoryPerson Person, NotificationKind Kind, string Message, string ProposalId)
{
    /// <summary>
    /// The id this delivery carries to the mail server or gateway (Message-ID, out-id, session context): the same for
    /// every attempt, so a copy sent again after a sender died before recording it is recognisably the same message.
    /// </summary>
    public string DeliveryId(NoticeChannel channel)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Id}|{channel}|{Person.PersonId}"));
        return Convert.ToHexStringLower(hash)[..32];
    }
}

/// <summary>A way out of the app: mail or SMS.</summary>
public interface INoticeChannel
{
    /// <summary>Which channel this is.</summary>
    NoticeChannel Channel { get; }

    /// <summary>Whether it is configured (an SMTP host, an SMS gateway).</summary>
    bool Enabled { get; }

    /// <summary>The person's address on this channel.</summary>
    string Address(DirectoryPerson person);

    /// <summary>Sends the notice; returns the provider's id of the message, and throws when it was not accepted.</summary>
    Task<string?> SendAsync(OutgoingNotice notice, CancellationToken cancellationToken);
}
