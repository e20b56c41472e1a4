using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Replies.Workflows.Directory;
using Replies.Workflows.Intake;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Seeding;

/// <summary>
/// On first start (when <c>Replies:Seeds:Load</c> is on) writes the sample directory, then carries each seed reply
/// letter through the real lifecycle (submitted, filed, assigned, signed for, drafted with the letter's text,
/// approved, rated) so it ends closed with its letter issued, as any item would. Every step has a fixed request id,
/// so a start interrupted half-way finishes the job on the next start without doing anything twice.
/// </summary>
public sealed class SeedLoader(
    IOptions<SeedOptions> options,
    IOptions<RulesProfile> rules,
    DirectoryStore directory,
    ProposalStore store,
    DraftStore drafts,
    TimeProvider time,
    DecisionSender sender,
    Workflows.Search.PolicyLibrary library,
    ILogger<SeedLoader> logger)
{
    // sample.json names enum values as words, as people write them.
    private static readonly JsonSerializerOptions SampleJson = new(WorkflowJson.Options) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private SampleData? _sample;

    /// <summary>Writes the sample directory if seeding is on and it has not been written.</summary>
    public async Task LoadDirectoryAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Load || await IsSeededAsync(cancellationToken))
        {
            return;
        }

        _sample = Read();
        await directory.ImportAsync(_sample.Directory, cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Sample directory loaded: {People} people, {Departments} departments.", _sample.Directory.People.Count, _sample.Directory.Departments.Count);
        }
    }

    /// <summary>Carries each seed letter through the lifecycle and loads the library, unless that was done.</summary>
    public async Task LoadItemsAsync(DurableTaskClient client, CancellationToken stoppingToken)
    {
        if (!options.Value.Load)
        {
            return;
        }

        try
        {
            if (await IsSeededAsync(stoppingToken))
            {
                return;
            }

            var sample = _sample ?? Read();
            await directory.LoadAsync(cancellationToken: stoppingToken);
            foreach (var reply in sample.Replies)
            {
                await LoadReplyAsync(client, reply, stoppingToken);
            }

            foreach (var document in sample.Library ?? [])
            {
                var text = await File.ReadAllTextAsync(System.IO.Path.Combine(AppContext.BaseDirectory, options.Value.Path, document.File), stoppingToken);
                await library.SaveAsync(document.DocumentId, document.Title, document.Category, document.Department, text, "示例数据", document.ToSimplified, stoppingToken);
            }

            await directory.MarkSampleLoadedAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Sample replies loaded: {Count}.", sample.Replies.Count);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Loading the sample data failed; it is retried at the next start.");
        }
    }

    private Task<bool> IsSeededAsync(CancellationToken cancellationToken) => directory.IsSampleLoadedAsync(cancellationToken);

    private SampleData Read()
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, options.Value.Path);
        using var stream = File.OpenRead(System.IO.Path.Combine(folder, "sample.json"));
        return JsonSerializer.Deserialize<SampleData>(stream, SampleJson)
            ?? throw new InvalidDataException("seeds/sample.json is empty.");
    }

    private async Task LoadReplyAsync(DurableTaskClient client, SampleReply reply, CancellationToken cancellationToken)
    {
        var id = reply.ProposalId;
        if (await store.GetAsync(id, cancellationToken) is { IsFinal: true })
        {
            return;
        }

        var path = System.IO.Path.Combine(AppContext.BaseDirectory, options.Value.Path, reply.File);
        var letter = ReplyLetterImporter.Read(await File.ReadAllBytesAsync(path, cancellationToken));
        if (reply.ToSimplified)
        {
            var convert = ChineseConverter.TraditionalToSimplified;
            letter = letter with { Title = letter.Title is null ? null : convert.Convert(letter.Title), Handler = letter.Handler is null ? null : convert.Convert(letter.Handler), Body = [.. letter.Body.Select(convert.Convert)] };
        }

        var proposer = directory.Person(reply.ProposerId) ?? throw new InvalidDataException($"{reply.File}: proposer {reply.ProposerId} is not in the sample directory.");
        var handler = directory.Person(reply.HandlerId)!.ToActor();
        var leader = directory.Person(reply.LeaderId)!.ToActor();
        var clerk = directory.People.First(p => p.Role == Role.Clerk).ToActor();
        var kind = letter.Kind ?? proposer.Kind ?? ProposalKind.Proposal;
        var submission = new ProposalSubmission(
            id,
            kind,
            letter.Session ?? reply.Session,
            letter.Title ?? throw new InvalidDataException($"{reply.File}: no title cited in 《》."),
            // The letters do not carry the proposal's own text; the item is known by its title and its reply.
            "",
            reply.Category,
            new Person(proposer.PersonId, proposer.Name),
            []);
        if (await client.GetInstanceAsync(id, cancellation: cancellationToken) is null)
        {
            // The letters record no contact with the proposer, so these items run without the contact rule.
            var profile = CopyOf(rules.Value);
            profile.ContactRequired = false;
            await client.StartLifecycleAsync(new ProposalLifecycleInput(submission, profile), time, cancellationToken);
        }

        if (!await sender.WaitForStartAsync(id, TimeSpan.FromMinutes(2), cancellationToken))
        {
            throw new TimeoutException($"Seed item {id} did not start.");
        }

        await SendAsync(client, id, new FilingDecided($"seed-{id}-file", clerk, FilingDecision.File), cancellationToken);
        await SendAsync(client, id, new Assigned($"seed-{id}-assign", clerk, reply.LeadDepartment, []), cancellationToken);
        await SendAsync(client, id, new SignedFor($"seed-{id}-sign", handler), cancellationToken);
        var versions = await drafts.ListAsync(id, cancellationToken);
        var version = versions.Count > 0 ? versions[^1].Version : await drafts.SaveAsync(id, handler.Name, string.Join('\n', letter.Body), cancellationToken);
        await SendAsync(client, id, new SubmittedForApproval($"seed-{id}-submit", handler, version, reply.ResultClass, Disclosure.Full, letter.Handler, letter.Phone), cancellationToken);
        await SendAsync(client, id, new ApprovalDecided($"seed-{id}-approve", leader, true), cancellationToken);
        await SendAsync(client, id, new FeedbackGiven($"seed-{id}-feedback", new Actor(proposer.PersonId, proposer.Name, Role.Proposer), reply.Rating), cancellationToken);
    }

    private async Task SendAsync(DurableTaskClient client, string id, ProposalAction action, CancellationToken cancellationToken)
    {
        var outcome = await sender.EarlierAsync(id, action.RequestId, cancellationToken)
            ?? await sender.SendAsync(client, id, action, TimeSpan.FromMinutes(2), cancellationToken: cancellationToken)
            ?? throw new TimeoutException($"Seed item {id}: no outcome for {action.EventName}.");
        Check(id, action, outcome);
    }

    private static void Check(string id, ProposalAction action, RequestOutcome outcome)
    {
        if (!outcome.Accepted)
        {
            throw new InvalidOperationException($"Seed item {id}: {action.EventName} was refused: {outcome.Reason}");
        }
    }

    private static RulesProfile CopyOf(RulesProfile rules) =>
        JsonSerializer.Deserialize<RulesProfile>(JsonSerializer.Serialize(rules, WorkflowJson.Options), WorkflowJson.Options)!;
}
