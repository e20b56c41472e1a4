namespace Replies.Functions.Notices;

/// <summary>How notices leave the app (section <c>Replies:Notices</c>; mail in <c>Replies:Mail</c>, SMS in <c>Replies:Sms</c>).</summary>
public sealed class NoticeOptions
{
    /// <summary>The queue the sender reads (<c>Replies:Notices:Queue</c>); its poison queue is this name with <c>-poison</c>.</summary>
    public string? Queue { get; set; }

    /// <summary>The address people open the app at, for the link to the item in a mail (https://… without a trailing slash).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
}

/// <summary>The SMTP server notices are mailed through (section <c>Replies:Mail</c>); no host, no mail.</summary>
public sealed class MailOptions
{
    /// <summary>The SMTP server; empty: mail is off.</summary>
    public string? Host { get; set; }

    /// <summary>Its port (25, 465 with TLS on connect, 587 with STARTTLS).</summary>
    public int Port { get; set; } = 25;

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "Auto";

    /// <summary>The account to sign in with, if the server asks for one (in Azure a Key Vault reference).</summary>
    public string? User { get; set; }

    /// <summary>Its password (in Azure a Key Vault reference).</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address.</summary>
    public string From { get; set; } = "replies@localhost";

    /// <summary>The sender's name as mail programs show it.</summary>
    public string FromName { get; set; } = "建议提案办理系统";
}

/// <summary>The SMS gateway and its pre-approved templates (section <c>Replies:Sms</c>).</summary>
public sealed class SmsOptions
{
    /// <summary><c>none</c> (SMS off), <c>dev</c> (kept in storage, read at /dev/sms), <c>aliyun</c> or <c>tencent</c>.</summary>
    public string Gateway { get; set; } = "none";

    /// <summary>How long a gateway may take to answer before the attempt counts as failed.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>The approved signature (签名) every SMS carries, shown as 【…】.</summary>
    public string SignName { get; set; } = "建议提案办理";

    /// <summary>
    /// The approved template of each notice kind (Task, Reminder, Escalation, Info, Reply, Approval): its code at the
    /// provider and its text with one variable <c>${content}</c> (Tencent: <c>{1}</c>), used to keep a text in one segment.
    /// </summary>
    public Dictionary<string, SmsTemplate> Templates { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Alibaba Cloud SMS (dysmsapi, API 2017-05-25).</summary>
    public AliyunSmsOptions Aliyun { get; set; } = new();

    /// <summary>Tencent Cloud SMS (API 2021-01-11).</summary>
    public TencentSmsOptions Tencent { get; set; } = new();
}

/// <summary>An approved SMS template.</summary>
public sealed class SmsTemplate
{
    /// <summary>The template code (Alibaba: SMS_123456789; Tencent: the template id).</summary>
    public string Code { get; set; } = "";

    /// <summary>The approved text with its one variable.</summary>
    public string Text { get; set; } = "${content}";
}

/// <summary>Alibaba Cloud SMS credentials and endpoint.</summary>
public sealed class AliyunSmsOptions
{
    public Uri Endpoint { get; set; } = new("https://dysmsapi.aliyuncs.com/");

    public string AccessKeyId { get; set; } = "";

    public string AccessKeySecret { get; set; } = "";

    public string RegionId { get; set; } = "cn-hangzhou";
}

/// <summary>Tencent Cloud SMS credentials and endpoint.</summary>
public sealed class TencentSmsOptions
{
    public Uri Endpoint { get; set; } = new("https://sms.tencentcloudapi.com/");

    public string SecretId { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string Region { get; set; } = "ap-guangzhou";

    /// <summary>The SMS application's SdkAppId.</summary>
    public string SdkAppId { get; set; } = "";
}
