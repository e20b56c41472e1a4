using Microsoft.Extensions.Options;
using Replies.Workflows.Directory;
using Replies.Workflows.Notices;

namespace Replies.Functions.Notices;

/// <summary>
/// Sends a notice by SMS through the configured gateway with the approved template of its kind, the notice's text
/// shortened so the whole message (signature, template text, text) fits one 70-character segment where it can.
/// </summary>
public sealed class SmsChannel(IOptions<SmsOptions> options, IEnumerable<ISmsGateway> gateways) : INoticeChannel
{
    /// <summary>Characters of one SMS segment with Chinese text.</summary>
    public const int Segment = 70;

    public NoticeChannel Channel => NoticeChannel.Sms;

    public bool Enabled => Gateway is not null;

    public string Address(DirectoryPerson person) => person?.Mobile ?? "";

    private ISmsGateway? Gateway => gateways.FirstOrDefault(g => string.Equals(g.Name, options.Value.Gateway, StringComparison.OrdinalIgnoreCase));

    public Task<string?> SendAsync(OutgoingNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var gateway = Gateway ?? throw new InvalidOperationException("未配置短信网关。");
        return gateway.SendAsync(Message(notice), cancellationToken);
    }

    /// <summary>The SMS of a notice: the template of its kind and its one parameter.</summary>
    public SmsMessage Message(OutgoingNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var o = options.Value;
        // The development gateway needs no approved codes; a real one has every kind's (checked at start).
        var template = o.Templates.GetValueOrDefault(notice.Kind.ToString())
            ?? new SmsTemplate { Code = "DEV_" + notice.Kind.ToString().ToUpperInvariant(), Text = $"您有一条{NoticeTexts.Label(notice.Kind)}通知：${{content}}" };
        var fixedLength = o.SignName.Length + 2 + template.Text.Replace("${content}", "", StringComparison.Ordinal).Replace("{1}", "", StringComparison.Ordinal).Length;
        var content = NoticeTexts.Fit(notice.Message, Math.Max(Segment - fixedLength, 20));
        return new SmsMessage(notice.Person.Mobile!, o.SignName, template.Code, template.Text, content, notice.DeliveryId(NoticeChannel.Sms));
    }
}

/// <summary>An SMS as a gateway takes it: one template variable, <c>content</c>.</summary>
public sealed record SmsMessage(string Mobile, string SignName, string TemplateCode, string TemplateText, string Content, string OutId)
{
    /// <summary>The text the phone shows.</summary>
    public string Text => $"【{SignName}】{TemplateText.Replace("${content}", Content, StringComparison.Ordinal).Replace("{1}", Content, StringComparison.Ordinal)}";
}

/// <summary>An SMS provider.</summary>
public interface ISmsGateway
{
    /// <summary>Its name in configuration (<c>Replies:Sms:Gateway</c>).</summary>
    string Name { get; }

    /// <summary>Sends one SMS; returns the provider's id for it, and throws when the provider did not accept it.</summary>
    Task<string?> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>What a gateway answered when it did not accept an SMS.</summary>
public sealed class SmsRefusedException(string message) : Exception(message);
