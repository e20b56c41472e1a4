using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Decisions;

/// <summary>
/// POST /api/proposals/{id}/{decision}: every decision of the catalog that has an address (<see cref="Decision.Segment"/>),
/// given as its descriptor describes it: who may ever give it (403 before the item is read), its request's fields
/// (a JSON body; none is read for a decision without fields), then <see cref="DecisionPipeline"/>. The item page's forms
/// give the same decisions through the same pipeline; the API reference lists each decision as an operation of its own.
/// </summary>
public sealed class GiveDecision(DecisionPipeline decisions)
{
    /// <summary>
    /// The Functions host tries routes in the order of function names and takes the first match, so this route (a
    /// parameter where the other actions on an item have words: drafts, opinions, attachments) must sort after theirs,
    /// and before the catch-all's (<see cref="Pages.UnknownAddress"/>).
    /// </summary>
    public const string FunctionName = "ZyGiveDecision";

    [Function(FunctionName)]
    [Authorize(Policy = Policies.SignedIn)]
    [DecisionRoute]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/proposals/{id}/{decision}")] HttpRequest request, string id, string decision, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (DecisionCatalog.AtSegment(decision) is not { } given)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "没有这个接口地址。");
        }

        if (ApiCommand.CallerOf(request, client) is not { } caller)
        {
            return Problems.Forbidden("您不在名录中，无法操作。");
        }

        if (!given.Roles.Contains(caller.Person.Role))
        {
            return Problems.Forbidden();
        }

        var body = new JsonObject();
        if (given.Fields.Count > 0)
        {
            var (read, problem) = await RequestBody.ReadObjectAsync(request, cancellationToken);
            if (read is null)
            {
                return problem!;
            }

            body = read;
        }

        return await decisions.GiveAsync(caller, id, given, body, cancellationToken);
    }
}

/// <summary>
/// Marks the function that gives every decision at its own address: its route's last segment names the decision, so
/// an address only matches it for a segment of the catalog (<see cref="Startup.HttpFunction.Matches"/>), and the API
/// reference lists each decision as an operation of its own.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DecisionRouteAttribute : Attribute
{
    /// <summary>Whether the route's values name a decision of the catalog.</summary>
    public static bool Accepts(Microsoft.AspNetCore.Routing.RouteValueDictionary values) =>
        values.TryGetValue("decision", out var segment) && segment is string name && DecisionCatalog.AtSegment(name) is not null;
}
