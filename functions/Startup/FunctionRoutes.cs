using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Replies.Functions.Startup;

/// <summary>
/// The HTTP functions of this app as their attributes declare them: name, route, methods, who may call. The OpenAPI
/// document, the local host's routes and the access gate all read this one list, so there is no second route table.
/// </summary>
public static class FunctionRoutes
{
    private static readonly Lazy<IReadOnlyList<HttpFunction>> Found = new(Discover);

    public static IReadOnlyList<HttpFunction> All => Found.Value;

    /// <summary>The function of a method (the worker knows functions by their entry point).</summary>
    public static HttpFunction? ByEntryPoint(string entryPoint) => All.FirstOrDefault(f => f.EntryPoint == entryPoint);

    /// <summary>
    /// The methods the functions whose routes match the request's path accept (empty: no function has that address).
    /// The Functions host answers a known address with a wrong method as if it were unknown; this tells them apart.
    /// </summary>
    public static IReadOnlyList<string> MethodsAt(HttpContext http, string? except = null)
    {
        var resolver = http.RequestServices.GetService<IInlineConstraintResolver>();
        return [.. All.Where(f => f.Name != except && f.Matches(http, resolver)).SelectMany(f => f.Methods).Distinct().Order(StringComparer.Ordinal)];
    }

    private static List<HttpFunction> Discover() =>
        [.. typeof(FunctionRoutes).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunction(x.Function!.Name, x.Method, x.Trigger!))
            .OrderBy(f => f.Route, StringComparer.Ordinal)];
}

/// <summary>One HTTP function.</summary>
public sealed record HttpFunction(string Name, MethodInfo Method, HttpTriggerAttribute Trigger)
{
    /// <summary>The route as the host serves it (the route prefix in host.json is empty: API routes begin with <c>api/</c>).</summary>
    public string Route => (Trigger.Route ?? Name).Trim('/');

    public IReadOnlyList<string> Methods => [.. (Trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())];

    public string EntryPoint => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    public bool IsApi => Route == "api" || Route.StartsWith("api/", StringComparison.Ordinal);

    /// <summary>Whether anyone may call it, signed in or not.</summary>
    public bool AllowsAnonymous => Method.GetCustomAttribute<AllowAnonymousAttribute>() is not null;

    /// <summary>The policies a caller must meet (empty with [Authorize] alone: any signed-in caller).</summary>
    public IReadOnlyList<string> Policies => [.. Method.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).OfType<string>()];

    /// <summary>Whether the request's path has this function's route, its parameters' constraints met.</summary>
    public bool Matches(HttpContext http, IInlineConstraintResolver? resolver)
    {
        var template = TemplateParser.Parse(Route);
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(template, []).TryMatch(http.Request.Path, values))
        {
            return false;
        }

        if (GivesDecisions && !Decisions.DecisionRouteAttribute.Accepts(values))
        {
            return false;
        }

        return resolver is null || template.Parameters.All(p => p.InlineConstraints.All(c =>
            resolver.ResolveConstraint(c.Constraint) is not { } constraint
            || constraint.Match(http, null, p.Name!, values, RouteDirection.IncomingRequest)));
    }

    /// <summary>Whether it gives every decision at its own address (<see cref="Decisions.GiveDecision"/>).</summary>
    public bool GivesDecisions => Method.GetCustomAttribute<Decisions.DecisionRouteAttribute>() is not null;

    /// <summary>The rate limit the function is held to, if any.</summary>
    public Safety.LimitKind? Limit => Method.GetCustomAttribute<Safety.LimitedAttribute>()?.Kind;
}
