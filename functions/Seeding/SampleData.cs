using Replies.Workflows.Directory;

namespace Replies.Functions.Seeding;

/// <summary>
/// <c>seeds/sample.json</c>: the sample directory and, for each seed reply letter, what the letter itself does not
/// say (the session where missing, the department, the result class, the proposer's rating). Everything the letter
/// does say is read from it by the importer.
/// </summary>
public sealed record SampleData(DirectoryData Directory, IReadOnlyList<SampleReply> Replies, IReadOnlyList<SampleDocument>? Library = null);

/// <summary>A seed document for the policy library, with the title and category the file itself does not carry.</summary>
public sealed record SampleDocument(string File, string DocumentId, string Title, string Category, string? Department, bool ToSimplified);

/// <summary>One replied item to load from a seed letter.</summary>
public sealed record SampleReply(
    string File,
    string ProposalId,
    string ProposerId,
    string Session,
    string Category,
    string LeadDepartment,
    string HandlerId,
    string LeaderId,
    ResultClass ResultClass,
    Rating Rating,
    bool ToSimplified = false);
