using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Replies.Functions.Startup;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Docs;

/// <summary>
/// The OpenAPI 3.1 document of the API, written from the functions' own attributes (route, methods, summary, tags,
/// policies, body and answer types): the Functions host has no endpoint metadata to generate it from, and this way the
/// document cannot drift from what is served.
/// </summary>
public sealed partial class OpenApiDocument(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private JsonObject? _document;

    public JsonObject Build() => (JsonObject)(_document ??= Write()).DeepClone();

    private JsonObject Write()
    {
        var options = json.Value.SerializerOptions;
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var function in FunctionRoutes.All.Where(f => f.IsApi))
        {
            if (function.GivesDecisions)
            {
                foreach (var decision in DecisionCatalog.WithAddress)
                {
                    paths[$"/api/proposals/{{id}}/{decision.Segment}"] = new JsonObject { ["post"] = Operation(decision, schemas) };
                }

                continue;
            }

            var path = "/" + Constraint().Replace(function.Route, "{$1}");
            var item = paths[path] as JsonObject ?? (JsonObject)(paths[path] = new JsonObject())!;
            foreach (var method in function.Methods)
            {
                item[method.ToLowerInvariant()] = Operation(function, path, options, schemas);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Replies API",
                ["description"] = "人大代表建议和政协委员提案办理系统的 HTTP 接口。",
                ["version"] = "v1",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
        };
    }

    private static JsonObject Operation(HttpFunction function, string path, JsonSerializerOptions options, JsonObject schemas)
    {
        var method = function.Method;
        var operation = new JsonObject
        {
            ["operationId"] = function.Name,
            ["summary"] = method.GetCustomAttribute<EndpointSummaryAttribute>()?.Summary ?? function.Name,
            ["tags"] = new JsonArray([.. (method.GetCustomAttribute<TagsAttribute>()?.Tags ?? []).Select(t => (JsonNode)t)]),
        };
        var parameters = new JsonArray();
        foreach (Match m in Parameter().Matches(path))
        {
            parameters.Add(new JsonObject { ["name"] = m.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (method.GetCustomAttribute<Http.RequestBodyAttribute>() is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(body.Type, options, schemas) } },
            };
        }

        var responses = new JsonObject();
        foreach (var produces in method.GetCustomAttributes<ProducesResponseTypeAttribute>())
        {
            responses[produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = Problems.TitleFor(produces.StatusCode) is var t && produces.StatusCode < 300 ? "成功" : t,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(produces.Type!, options, schemas) } },
            };
        }

        if (responses.Count == 0)
        {
            responses["200"] = new JsonObject { ["description"] = "成功" };
        }

        responses["default"] = new JsonObject
        {
            ["description"] = "问题详情（RFC 7807）",
            ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
        };
        operation["responses"] = responses;
        if (!function.AllowsAnonymous)
        {
            operation["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() });
            operation["x-policies"] = new JsonArray([.. function.Policies.Select(p => (JsonNode)p)]);
        }

        return operation;
    }

    /// <summary>A decision as an operation of its own: its descriptor's summary, group, roles and fields.</summary>
    private static JsonObject Operation(Decision decision, JsonObject schemas)
    {
        var name = char.ToUpperInvariant(decision.Name[0]) + decision.Name[1..];
        var operation = new JsonObject
        {
            ["operationId"] = name,
            ["summary"] = decision.Reference.Summary,
            ["tags"] = new JsonArray(decision.Reference.Tag),
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "id", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } }),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "成功" },
                ["202"] = new JsonObject { ["description"] = "处理中：结果稍后在 Location 所指的地址" },
                ["default"] = new JsonObject
                {
                    ["description"] = "问题详情（RFC 7807）",
                    ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
            ["x-roles"] = new JsonArray([.. decision.Roles.Select(r => (JsonNode)r.ToString())]),
        };
        if (decision.Fields.Count > 0)
        {
            var properties = new JsonObject();
            foreach (var field in decision.Fields)
            {
                var schema = field.Schema();
                schema["description"] = field.Label;
                properties[field.Name] = schema;
            }

            schemas[name + "Request"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = new JsonArray([.. decision.Fields.Where(f => f.Required && f.When is null).Select(f => (JsonNode)f.Name)]),
            };
            operation["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{name}Request" } },
                },
            };
        }

        return operation;
    }

    private static JsonObject Reference(Type type, JsonSerializerOptions options, JsonObject schemas)
    {
        var name = Name(type);
        if (!schemas.ContainsKey(name))
        {
            schemas[name] = options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
    }

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}Of{string.Join("And", type.GetGenericArguments().Select(Name))}"
        : (type.DeclaringType is { } outer ? Name(outer) : "") + type.Name;

    [GeneratedRegex(@"\{([A-Za-z]+):[^}]+\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Parameter();
}
