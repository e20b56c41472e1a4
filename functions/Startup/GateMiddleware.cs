using Microsoft.Azure.Functions.Worker.Middleware;

namespace Replies.Functions.Startup;

/// <summary>
/// In the Functions worker, holds every HTTP function to <see cref="RequestGate"/> (the local host does the same in its
/// endpoint), after the app has loaded what it needs in memory; an exception becomes a problem answer, never a bare 500.
/// </summary>
internal sealed class GateMiddleware(AppStartup startup, RequestGate gate, ILogger<GateMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        await startup.Ready;
        if (FunctionRoutes.ByEntryPoint(context.FunctionDefinition.EntryPoint) is not { } function || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        if (await gate.CheckAsync(http, function) is { } refused)
        {
            await refused.ExecuteAsync(http);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (!http.Response.HasStarted)
        {
            logger.LogError(ex, "Function {Function} failed", function.Name);
            await Problems.Status(StatusCodes.Status500InternalServerError).ExecuteAsync(http);
        }
    }
}
