using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Replies.Functions.Http;
using Replies.Functions.Identity;
using Replies.Functions.Startup;
using Replies.Functions.Views;
using Replies.Workflows;
using Replies.Workflows.Directory;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.Rules;
using Replies.Workflows.Storage;

namespace Replies.Functions.Proposals;

/// <summary>
/// POST /api/proposals: a deputy or member submits a suggestion or proposal. The kind follows the proposer (代表 →
/// 建议, 委员 → 提案). With an <c>Idempotency-Key</c> header a retried submission returns the first one's id.
/// </summary>
internal static class SubmitProposal
{
    public sealed record Request(string? Title, string? Body, string? Category, string? Session, IReadOnlyList<string>? CoSigners, bool? ToSimplified = null);

    public static void Map(IEndpointRouteBuilder api) => api.MapPost("proposals", RunAsync)
        .WithName(nameof(SubmitProposal)).WithSummary("提交建议或提案").WithTags("proposals")
        .Accepts<Request>("application/json").Produces<SubmissionResult>(StatusCodes.Status201Created)
        .RequireAuthorization(Policies.Proposer);

    private static async Task<IResult> RunAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http.Request, cancellationToken);
        return request is null ? problem! : await ActAsync(http, request, http.Request.Headers[Decisions.IdempotencyHeader].FirstOrDefault(), cancellationToken);
    }

    /// <summary>
    /// Validates and submits; the API (key from the <c>Idempotency-Key</c> header) and the submission page (key from
    /// the form, so a double click files once) both come here.
    /// </summary>
    internal static async Task<IResult> ActAsync(HttpContext http, Request request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var client = services.GetRequiredService<DurableTaskClient>();
        var submissions = services.GetRequiredService<SubmissionStore>();
        var directory = services.GetRequiredService<DirectoryStore>();
        var rules = services.GetRequiredService<IOptions<RulesProfile>>();
        var intake = services.GetRequiredService<IOptions<IntakeOptions>>();
        var api = services.GetRequiredService<IOptions<ApiOptions>>();
        var time = services.GetRequiredService<TimeProvider>();
        var user = http.Person()!;
        if (user.Kind is not { } kind)
        {
            return Problems.Forbidden("名录中未登记您是人大代表还是政协委员，请联系管理员。");
        }

        var errors = new FieldErrors();
        // Text pasted from the web or Word is cleaned (and converted to simplified characters when asked); limits
        // apply to the clean text, and what the proposer typed is kept beside it.
        var (title, originalTitle) = Clean(request.Title, request.ToSimplified == true);
        var (body, originalBody) = Clean(request.Body, request.ToSimplified == true);
        title = errors.Text("title", title, "标题", api.Value.MaxTitleLength, 5);
        body = errors.Text("body", body, "正文", rules.Value.MaxBodyLength, 20);
        var category = errors.Text("category", request.Category, "类别", 20);
        if (category.Length > 0 && intake.Value.Categories.Count > 0 && !intake.Value.Categories.Contains(category))
        {
            errors.Add("category", $"类别须为：{string.Join("、", intake.Value.Categories)}。");
        }

        var session = request.Session?.Trim() is { Length: > 0 } named ? named : kind == ProposalKind.Suggestion ? intake.Value.SuggestionSession : intake.Value.ProposalSession;
        if (session.Length == 0 || (intake.Value.Sessions.Count > 0 && !intake.Value.Sessions.Contains(session)))
        {
            errors.Add("session", "届次不在受理范围内。");
        }

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

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var proposalId = NewId(time);
        if (idempotencyKey is not null && !Decisions.IsValidKey(idempotencyKey))
        {
            return Problems.Field(Decisions.IdempotencyHeader, "幂等键须为1至64位字母、数字或 - _ . 字符。");
        }

        var key = idempotencyKey is null ? null : $"{user.PersonId}.{idempotencyKey}";

        var replayed = false;
        if (key is not null)
        {
            var fingerprint = Fingerprint(title, body, category, session, coSigners);
            try
            {
                var claim = await submissions.ClaimAsync(user.PersonId, key, proposalId, fingerprint, cancellationToken);
                proposalId = claim.ProposalId;
                replayed = !claim.IsNew;
            }
            catch (IdempotencyKeyReusedException)
            {
                return Problems.Unprocessable("该幂等键已用于另一份不同的提交，请换用新的幂等键。");
            }
        }

        var submission = new ProposalSubmission(proposalId, kind, session, title, body, category, new Person(user.PersonId, user.Name), coSigners, originalTitle, originalBody);
        // A replay starts the instance only if the first attempt stopped between claiming the key and starting it.
        if (!replayed || await client.GetInstanceAsync(proposalId, cancellation: cancellationToken) is null)
        {
            try
            {
                await client.StartLifecycleAsync(new ProposalLifecycleInput(submission, rules.Value), time, cancellationToken);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // Two retries raced to start it; the other one did.
            }
        }

        var location = $"/api/proposals/{proposalId}";
        var result = new SubmissionResult(proposalId, "已提交，正在登记", replayed);
        return replayed ? TypedResults.Ok(result) : TypedResults.Created(location, result);
    }

    /// <summary>The clean text, and the original when cleaning changed it.</summary>
    internal static (string? Text, string? Original) Clean(string? text, bool toSimplified)
    {
        if (text is null)
        {
            return (null, null);
        }

        var clean = Workflows.Intake.TextNormaliser.Normalise(text).Text;
        if (toSimplified)
        {
            clean = Workflows.Intake.ChineseConverter.TraditionalToSimplified.Convert(clean);
        }

        return (clean, clean == text.Trim() ? null : text);
    }

    /// <summary>A short id that sorts by submission time: year, then 10 random base-32 characters.</summary>
    private static string NewId(TimeProvider time)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var sb = new StringBuilder(time.GetUtcNow().UtcDateTime.AddHours(8).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)).Append('-');
        foreach (var b in random)
        {
            sb.Append(alphabet[b & 31]);
        }

        return sb.ToString();
    }

    private static string Fingerprint(string title, string body, string category, string session, IReadOnlyList<Person> coSigners) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object[] { title, body, category, session, coSigners.Select(c => c.PersonId).ToArray() })));
}
