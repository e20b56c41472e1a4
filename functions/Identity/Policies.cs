namespace Replies.Functions.Identity;

/// <summary>Authorization policy names: who may call a function at all. Per-item rules are in <see cref="Access"/>.</summary>
public static class Policies
{
    /// <summary>Anyone in the directory.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Deputies and members.</summary>
    public const string Proposer = nameof(Proposer);

    /// <summary>Who may submit: deputies and members, and the clerk office entering on a proposer's behalf (代录).</summary>
    public const string Submitter = nameof(Submitter);

    /// <summary>Handlers and leaders of a department.</summary>
    public const string DepartmentStaff = nameof(DepartmentStaff);

    /// <summary>Department leaders.</summary>
    public const string Leader = nameof(Leader);

    /// <summary>Officials: department staff, the clerk office and administrators (the internal search).</summary>
    public const string Officials = nameof(Officials);

    /// <summary>The clerk office.</summary>
    public const string Clerk = nameof(Clerk);

    /// <summary>The clerk office and administrators (reading everything).</summary>
    public const string Oversight = nameof(Oversight);

    /// <summary>Administrators.</summary>
    public const string Administrator = nameof(Administrator);

    /// <summary>The claim carrying the directory person id.</summary>
    public const string PersonIdClaim = "replies_person";

    /// <summary>The claim carrying the department id.</summary>
    public const string DepartmentClaim = "replies_department";
}
