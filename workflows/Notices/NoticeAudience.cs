using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;

namespace Replies.Workflows.Notices;

/// <summary>
/// Who a notice reaches outside the app, and how: a person's notice reaches that person; a department's reaches its
/// duty handler (its leader for approvals, both for escalations), or every handler (leader) when none is named; the
/// clerk office's reaches every clerk, as does a person's who prefers paper (the clerks pass it on). Each on the
/// channels they chose that have an address.
/// </summary>
public static class NoticeAudience
{
    /// <summary>The deliveries of one notice: person and channel, each once.</summary>
    public static IReadOnlyList<(DirectoryPerson Person, NoticeChannel Channel)> Of(string recipient, NotificationKind kind, DirectoryStore directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return Of(recipient, kind, directory.People, directory.Departments);
    }

    /// <summary>As above, over a directory's people and departments.</summary>
    public static IReadOnlyList<(DirectoryPerson Person, NoticeChannel Channel)> Of(string recipient, NotificationKind kind, IReadOnlyList<DirectoryPerson> people, IReadOnlyList<Department> departments)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return [.. People(recipient, kind, people, departments).DistinctBy(p => p.PersonId).SelectMany(p => p.Reachable.Select(c => (p, c)))];
    }

    /// <summary>The proposer a notice is for who prefers paper, whose notices the clerk office passes on; else null.</summary>
    public static DirectoryPerson? OnPaper(string recipient, IReadOnlyList<DirectoryPerson> people)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(people);
        var prefix = Recipients.Person("");
        return recipient.StartsWith(prefix, StringComparison.Ordinal)
            ? people.FirstOrDefault(p => p.PersonId == recipient[prefix.Length..] && p.PrefersPaper)
            : null;
    }

    /// <summary>A notice for a person on paper as the clerks read it: whom to pass it to, then the notice.</summary>
    public static string PassOn(DirectoryPerson person, string message) =>
        $"【请转交{person?.Name}（纸质通知）】{message}";

    private static IEnumerable<DirectoryPerson> People(string recipient, NotificationKind kind, IReadOnlyList<DirectoryPerson> people, IReadOnlyList<Department> departments)
    {
        if (recipient == Recipients.ClerkOffice)
        {
            return people.Where(p => p.Role == Role.Clerk);
        }

        if (recipient.StartsWith(Recipients.Person(""), StringComparison.Ordinal))
        {
            var id = recipient[Recipients.Person("").Length..];
            var person = people.Where(p => p.PersonId == id);
            return person.Any(p => p.PrefersPaper) ? people.Where(p => p.Role == Role.Clerk) : person;
        }

        var departmentId = recipient.StartsWith(Recipients.Department(""), StringComparison.Ordinal) ? recipient[Recipients.Department("").Length..] : null;
        if (departments.FirstOrDefault(d => d.DepartmentId == departmentId) is { } department)
        {
            var staff = people.Where(p => p.DepartmentId == department.DepartmentId).ToList();
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
