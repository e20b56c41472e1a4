using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.Extensions.Options;
using Replies.Functions.Decisions;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>
/// Submits a suggestion or proposal; the API (key from the <c>Idempotency-Key</c> header) and the submission page (key
/// from the form, so a double click files once) both give it. With a key, a retried submission returns the first one's id.
/// </summary>
public sealed class SubmitProposalCommand(
    SubmissionStore submissions,
    AttachmentStore attachments,
    DirectoryStore directory,
    IOptions<RulesProfile> rules,
    IOptions<IntakeOptions> intake,
    IOptions<ApiOptions> api,
    TimeProvider time)
{
    /// <summary>
    /// What is submitted. <paramref name="Proposer"/>: the person a clerk enters it for (代录); a proposer submits
    /// as themselves. <paramref name="Upload"/>: the Word file it was read from (<see cref="WordUploads"/>), kept as its
    /// first attachment.
    /// </summary>
    public sealed record Request(string? Title, string? Body, string? Category, string? Session, IReadOnlyList<string>? CoSigners, bool? ToSimplified = null, IReadOnlyList<string>? Asks = null, string? Proposer = null, string? Upload = null);

    public async Task<CommandResult> HandleAsync(Caller caller, Request request, CancellationToken cancellationToken)
    {
        var idempotencyKey = caller.IdempotencyKey;
        var errors = new FieldErrors();
        var (user, enteredBy) = (caller.Person, (Person?)null);
        if (caller.Person.Role == Role.Clerk)
        {
            if (request.Proposer is not { Length: > 0 } named)
            {
                return Problems.Field("proposer", "代为录入须选择领衔的代表或委员。");
            }

            if (directory.Person(named) is not { Role: Role.Proposer } proposer)
            {
                return Problems.Field("proposer", $"“{named}”不是名录中的人大代表或政协委员。");
            }

            (user, enteredBy) = (proposer, new Person(caller.Person.PersonId, caller.Person.Name));
        }
        else if (request.Proposer is { Length: > 0 } other && other != caller.Person.PersonId)
        {
            return Problems.Forbidden("只有交办人员可以代他人录入。");
        }

        if (user.Kind is not { } kind)
        {
            return Problems.Forbidden(enteredBy is null ? "名录中未登记您是人大代表还是政协委员，请联系管理员。" : $"名录中未登记{user.Name}是人大代表还是政协委员，请联系管理员。");
        }

        // Text pasted from the web or Word is cleaned (and converted to simplified characters when asked); limits
        // apply to the clean text, and what the proposer typed is kept beside it.
        var (title, originalTitle) = TextInput.Clean(request.Title, request.ToSimplified == true);
        var (body, originalBody) = TextInput.Clean(request.Body, request.ToSimplified == true);
        title = errors.Text("title", title, "标题", api.Value.MaxTitleLength, 5);
        body = errors.Text("body", body, "正文", rules.Value.MaxBodyLength, 20);
        var category = errors.Text("category", request.Category, "类别", 20);
        if (category.Length > 0 && intake.Value.Categories.Count > 0 && !intake.Value.Categories.Contains(category))
        {
            errors.Add("category", $"类别须为：{string.Join("、", intake.Value.Categories)}。");
        }

        var (session, refusal) = intake.Value.SessionFor(kind, request.Session);
        if (refusal is not null)
        {
            errors.Add("session", refusal);
        }

        // The asks as listed, or split from the body by its ordinal cues.
        var asks = AskInput.Check(errors, request.Asks, request.ToSimplified == true) ?? [.. Workflows.Coverage.AskSplitter.Split(body).Take(Workflows.Coverage.ProposalAsks.Most)];
        var coSigners = new List<Person>();
        var ids = request.CoSigners ?? [];
        if (ids.Count > intake.Value.MaxCoSigners)
        {
            errors.Add("coSigners", $"联名人不能超过{intake.Value.MaxCoSigners}人。");
        }

        foreach (var id in ids.Distinct(StringComparer.Ordinal).Take(intake.Value.MaxCoSigners))
        {
            if (id == user.PersonId)
            {
                errors.Add("coSigners", "领衔人不必邀请自己联名。");
            }
            else if (id is null || directory.Person(id) is not { Role: Role.Proposer } person || person.Kind != kind)
            {
                errors.Add("coSigners", $"联名人“{id}”不是{Labels.Title(kind)}。");
            }
            else
            {
                coSigners.Add(new Person(person.PersonId, person.Name));
            }
        }

        // The Word file the text was read from, kept aside for this caller by WordUploads.
        var original = request.Upload is { Length: > 0 } upload ? await attachments.GetStagedAsync(upload, caller.Person.PersonId, cancellationToken) : null;
        if (request.Upload is { Length: > 0 } && original is null)
        {
            errors.Add("upload", "上传的 Word 文件已失效，请重新上传。");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var proposalId = NewId(time);
        if (idempotencyKey is not null && !DecisionPipeline.IsValidKey(idempotencyKey))
        {
            return Problems.Field(ApiCommand.IdempotencyHeader, "幂等键须为1至64位字母、数字或 - _ . 字符。");
        }

        // Keys are the caller's: a clerk's retry of an entry finds the clerk's claim.
        var key = idempotencyKey is null ? null : $"{caller.Person.PersonId}.{idempotencyKey}";

        var replayed = false;
        if (key is not null)
        {
            var fingerprint = Fingerprint(title, body, category, session!, coSigners, enteredBy is null ? null : user.PersonId);
            try
            {
                var claim = await submissions.ClaimAsync(caller.Person.PersonId, key, proposalId, fingerprint, cancellationToken);
                proposalId = claim.ProposalId;
                replayed = !claim.IsNew;
            }
            catch (IdempotencyKeyReusedException)
            {
                return Problems.Unprocessable("该幂等键已用于另一份不同的提交，请换用新的幂等键。");
            }
        }

        var submission = new ProposalSubmission(proposalId, kind, session!, title, body, category, new Person(user.PersonId, user.Name), coSigners, originalTitle, originalBody) { Asks = asks, EnteredBy = enteredBy };
        // The original first, so it is there when the item is; a replay adds it only if the first attempt did not.
        if (original is { } file && (!replayed || (await attachments.ListAsync(proposalId, cancellationToken)).Count == 0))
        {
            await attachments.SaveAsync(proposalId, file.Name, AttachmentPart.Proposal, file.ContentType, file.Content.ToStream(), caller.Person.PersonId, caller.Person.Name, cancellationToken);
        }

        // A replay starts the instance only if the first attempt stopped between claiming the key and starting it.
        if (!replayed || await caller.Client.GetInstanceAsync(proposalId, cancellation: cancellationToken) is null)
        {
            try
            {
                await caller.Client.StartLifecycleAsync(new ProposalLifecycleInput(submission, rules.Value), time, cancellationToken);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // Two retries raced to start it; the other one did.
            }
        }

        var location = $"/api/proposals/{proposalId}";
        var result = new SubmissionResult(proposalId, "已提交，正在登记", replayed);
        return replayed ? CommandResult.Ok(result) : CommandResult.Created(location, result);
    }

    /// <summary>A short id that sorts by submission time: year, then 10 random base-32 characters.</summary>
    private static string NewId(TimeProvider time)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var sb = new StringBuilder(ChinaTime.Local(time.GetUtcNow().UtcDateTime).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)).Append('-');
        foreach (var b in random)
        {
            sb.Append(alphabet[b & 31]);
        }

        return sb.ToString();
    }

    private static string Fingerprint(string title, string body, string category, string session, IReadOnlyList<Person> coSigners, string? enteredFor) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(enteredFor is null
            ? new object[] { title, body, category, session, coSigners.Select(c => c.PersonId).ToArray() }
            : new object[] { title, body, category, session, coSigners.Select(c => c.PersonId).ToArray(), enteredFor })));
}
