namespace Replies.Workflows.Directory;

/// <summary>
/// A person known to the system. Proposers carry their kind (deputy or member) and their delegation or sector;
/// department staff carry their department. <see cref="ExternalId"/> is the Entra ID object id a token names.
/// </summary>
public sealed record DirectoryPerson(
    string PersonId,
    string Name,
    Role Role,
    string? DepartmentId = null,
    ProposalKind? Kind = null,
    string? Delegation = null,
    string? Phone = null,
    string? ExternalId = null)
{
    /// <summary>The actor this person acts as.</summary>
    public Actor ToActor() => new(PersonId, Name, Role, DepartmentId);

    /// <summary>Whether the person works for a department (handler or leader).</summary>
    public bool IsDepartmentStaff => Role is Role.Handler or Role.Leader && DepartmentId is not null;
}

/// <summary>
/// A handling department. Its id is its name as letters print it (市科学技术局), which the clerk office keeps unique;
/// the lifecycle records departments by this id.
/// </summary>
public sealed record Department(string DepartmentId, string ShortName);

/// <summary>The seeded or imported directory.</summary>
public sealed record DirectoryData(IReadOnlyList<Department> Departments, IReadOnlyList<DirectoryPerson> People);
