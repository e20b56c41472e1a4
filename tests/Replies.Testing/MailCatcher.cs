using MimeKit;
using netDumbster.smtp;

namespace Replies.Testing;

/// <summary>A real SMTP server in the test process (netDumbster) on a free port; the mails it received, parsed.</summary>
public sealed class MailCatcher : IDisposable
{
    private readonly SimpleSmtpServer _server;

    private MailCatcher(SimpleSmtpServer server) => _server = server;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port => _server.Configuration.Port;

    /// <summary>How many mails arrived (cheaper than parsing them).</summary>
    public int Count => _server.ReceivedEmailCount;

    /// <summary>Every mail received, in order (a copy sent twice is here twice).</summary>
    public IReadOnlyList<MimeMessage> Received =>
        [.. _server.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))))];

    /// <summary>The mails as a mail program shows them: one per Message-ID.</summary>
    public IReadOnlyList<MimeMessage> Shown => [.. Received.DistinctBy(m => m.MessageId)];

    public static MailCatcher Start() => new(SimpleSmtpServer.Start(AzuriteInstance.FreePort()));

    public void Dispose() => _server.Dispose();
}
