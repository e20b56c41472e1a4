using Microsoft.Azure.Functions.Worker.Middleware;
using Replies.Functions.Safety;

namespace Replies.Functions.Startup;

/// <summary>In the Functions worker, runs every HTTP function through <see cref="FunctionCall"/> (the local host does the same in its endpoint).</summary>
internal sealed class GateMiddleware(FunctionCall call) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (FunctionRoutes.ByEntryPoint(context.FunctionDefinition.EntryPoint) is not { } function || context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        await call.RunAsync(http, function, async () =>
        {
            await next(context);

            // The ASP.NET Core integration would execute a returned IResult after this middleware has returned, outside
            // FunctionCall's failure answers; executing it here keeps a failing result inside them.
            var result = context.GetInvocationResult();
            if (result.Value is IResult returned)
            {
                result.Value = Results.Empty;
                await returned.ExecuteAsync(http);
            }
        });
    }
}
