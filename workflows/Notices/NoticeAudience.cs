using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Notices;

/// <summary>
/// Who a notice reaches outside the app, and how: a person's notice reaches that person; a department's reaches its
/// duty handler (its leader for approvals, both for escalations), or every handler (leader) when none is named; the
/// clerk office's reaches every clerk. Each on the channels they chose that have an address.
/// </summary>
public static class NoticeAudience
{
    /// <summary>The deliveries of one notice: person and channel, each once.</summary>
    public static IReadOnlyList<(DirectoryPerson Person, NoticeChannel Channel)> Of(string recipient, NotificationKind kind, DirectoryStore directory)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(directory);
        return [.. People(recipient, kind, directory).DistinctBy(p => p.PersonId).SelectMany(p => p.Reachable.Select(c => (p, c)))];
    }

    private static IEnumerable<DirectoryPerson> People(string recipient, NotificationKind kind, DirectoryStore directory)
    {
        if (recipient == Recipients.ClerkOffice)
        {
            return directory.People.Where(p => p.Role == Role.Clerk);
        }

        if (recipient.StartsWith(Recipients.Person(""), StringComparison.Ordinal))
        {
            return directory.Person(recipient[Recipients.Person("").Length..]) is { } person ? [person] : [];
        }

        if (recipient.StartsWith(Recipients.Department(""), StringComparison.Ordinal)
            && directory.Department(recipient[Recipients.Department("").Length..]) is { } department)
        {
            var staff = directory.People.Where(p => p.DepartmentId == department.DepartmentId).ToList();
            IEnumerable<DirectoryPerson> Named(string? id, Role role) =>
                id is not null && staff.FirstOrDefault(p => p.PersonId == id) is { } named ? [named] : staff.Where(p => p.Role == role);
            return kind switch
            {
                NotificationKind.Approval => Named(department.LeaderId, Role.Leader),
                NotificationKind.Escalation => Named(department.DutyHandlerId, Role.Handler).Concat(Named(department.LeaderId, Role.Leader)),
                _ => Named(department.DutyHandlerId, Role.Handler),
            };
        }

        return [];
    }
}
