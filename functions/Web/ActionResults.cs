using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Replies.Functions.Web;

/// <summary>Reads what a function answered into what a page shows: field messages, a sentence, or success.</summary>
public static class ActionResults
{
    /// <summary>Whether the function accepted; otherwise its messages are added to <paramref name="state"/>.</summary>
    public static bool Accepted(IResult result, ModelStateDictionary state, string prefix = "Input")
    {
        switch (result)
        {
            case ValidationProblem validation:
                foreach (var (field, messages) in validation.ProblemDetails.Errors)
                {
                    var key = field.Length == 0 ? "" : $"{prefix}.{char.ToUpperInvariant(field[0])}{field[1..]}";
                    foreach (var message in messages)
                    {
                        state.AddModelError(key, message);
                    }
                }

                return false;
            case ProblemHttpResult problem:
                state.AddModelError("", problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "操作未能完成。");
                return false;
            case IStatusCodeHttpResult { StatusCode: >= 400 } failed:
                state.AddModelError("", $"操作未能完成（{failed.StatusCode}）。");
                return false;
            default:
                return true;
        }
    }
}
