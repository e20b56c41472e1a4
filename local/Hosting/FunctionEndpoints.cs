using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Replies.Functions.Safety;
using Replies.Functions.Startup;

namespace Replies.Local.Hosting;

/// <summary>
/// Maps every HTTP function of the app at <c>/{routePrefix}/{Route}</c> with its trigger's methods, taken from the
/// functions' own attributes (<see cref="FunctionRoutes"/>), and runs each call through <see cref="FunctionCall"/> as the worker's
/// middleware does.
/// </summary>
internal static class FunctionEndpoints
{
    public static void MapFunctions(this IEndpointRouteBuilder app, string routePrefix)
    {
        foreach (var function in FunctionRoutes.All)
        {
            FunctionInvoker.Check(function.Method);
            var pattern = "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.Route }.Where(s => s.Length > 0));
            app.MapMethods(pattern, function.Methods, http => InvokeAsync(http, function)).WithName(function.Name);
        }
    }

    private static Task InvokeAsync(HttpContext http, HttpFunction function) =>
        http.RequestServices.GetRequiredService<FunctionCall>().RunAsync(http, function, async () =>
        {
            var returned = await FunctionInvoker.InvokeAsync(function.Method, http.RequestServices, _ => http.Request, http.Request.RouteValues, http.RequestAborted);
            switch (returned)
            {
                case IResult result:
                    await result.ExecuteAsync(http);
                    break;
                case IActionResult action:
                    await action.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
                    break;
                case null:
                    http.Response.StatusCode = StatusCodes.Status204NoContent;
                    break;
                default:
                    await http.Response.WriteAsJsonAsync(returned, returned.GetType(), http.RequestAborted);
                    break;
            }
        });
}
