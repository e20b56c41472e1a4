namespace Replies.Workflows.Directory;

/// <summary>
/// A person known to the system. Proposers carry their kind (deputy or member) and their delegation or sector;
/// department staff carry their department. <see cref="ExternalId"/> is the Entra ID object id a token names.
/// <see cref="Mobile"/> and <see cref="Email"/> are where notices reach the person on the <see cref="Channels"/> they
/// chose (消息 in the app always); <see cref="Phone"/> is the office telephone printed on letters. A proposer who
/// <see cref="PrefersPaper"/> (works on paper) is reached through the clerk office, whose clerks get their notices.
/// </summary>
public sealed record DirectoryPerson(
    string PersonId,
    string Name,
    Role Role,
    string? DepartmentId = null,
    ProposalKind? Kind = null,
    string? Delegation = null,
    string? Phone = null,
    string? ExternalId = null,
    string? Mobile = null,
    string? Email = null,
    IReadOnlyList<NoticeChannel>? Channels = null,
    bool PrefersPaper = false)
{
    /// <summary>The channels a notice takes to this person besides 消息: those chosen that have an address.</summary>
    public IEnumerable<NoticeChannel> Reachable => (Channels ?? []).Distinct().Where(c => c switch
    {
        NoticeChannel.Mail => !string.IsNullOrEmpty(Email),
        NoticeChannel.Sms => !string.IsNullOrEmpty(Mobile),
        _ => false,
    });

    /// <summary>The actor this person acts as.</summary>
    public Actor ToActor() => new(PersonId, Name, Role, DepartmentId);

    /// <summary>Whether the person works for a department (handler or leader).</summary>
    public bool IsDepartmentStaff => Role is Role.Handler or Role.Leader && DepartmentId is not null;
}

/// <summary>
/// A handling department. Its id is its name as letters print it (市科学技术局), which the clerk office keeps unique;
/// the lifecycle records departments by this id. Its notices reach the duty handler (值班承办人) and, for approvals and
/// escalations, the leader; without one named, every handler or leader of the department.
/// </summary>
public sealed record Department(string DepartmentId, string ShortName, string? DutyHandlerId = null, string? LeaderId = null);

/// <summary>A way a notice leaves the app.</summary>
public enum NoticeChannel
{
    /// <summary>Mail over SMTP.</summary>
    Mail,

    /// <summary>SMS through the configured gateway.</summary>
    Sms,
}

/// <summary>The seeded or imported directory.</summary>
public sealed record DirectoryData(IReadOnlyList<Department> Departments, IReadOnlyList<DirectoryPerson> People);
