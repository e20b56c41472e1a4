using Replies.Workflows;
using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Http;

/// <summary>RFC 7807 answers with Chinese titles and details, the ones every function gives the same way.</summary>
internal static class Problems
{
    public const string TypeBase = "https://replies.example.gov.cn/problems/";

    public static IResult Validation(FieldErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), detail: "提交的内容有误，请按提示修改后重试。", title: "请求参数有误", type: TypeBase + "validation");

    public static IResult Field(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static IResult NotFound(string what = "未找到该建议或提案。") =>
        TypedResults.Problem(what, statusCode: StatusCodes.Status404NotFound, title: "未找到", type: TypeBase + "not-found");

    public static IResult Forbidden(string detail = "您无权进行此操作。") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "无权操作", type: TypeBase + "forbidden");

    public static IResult WrongStage(ProposalStage stage, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "当前阶段不能进行此操作", type: TypeBase + "wrong-stage",
            extensions: new Dictionary<string, object?> { ["currentStage"] = stage.ToString(), ["currentStageLabel"] = Labels.Of(stage) });

    public static IResult Refused(RequestOutcome outcome) =>
        TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status409Conflict, title: "请求未被接受", type: TypeBase + "refused",
            extensions: new Dictionary<string, object?>
            {
                ["requestId"] = outcome.RequestId,
                ["currentStage"] = outcome.Stage.ToString(),
                ["currentStageLabel"] = Labels.Of(outcome.Stage),
            });

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "操作冲突", type: TypeBase + "conflict");

    public static IResult Unprocessable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "无法处理", type: TypeBase + "unprocessable");

    public static IResult TooLarge(int max) =>
        TypedResults.Problem($"请求内容不能超过{max / 1024} KB。", statusCode: StatusCodes.Status413PayloadTooLarge, title: "请求内容过大", type: TypeBase + "too-large");

    public static IResult BadJson(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "请求格式有误", type: TypeBase + "malformed");

    /// <summary>Chinese titles for the statuses the framework answers by itself (401, 404 of an unknown route, 405...).</summary>
    public static string TitleFor(int status) => status switch
    {
        400 => "请求格式有误",
        401 => "请先登录",
        403 => "无权操作",
        404 => "未找到",
        405 => "不支持此请求方法",
        409 => "操作冲突",
        413 => "请求内容过大",
        415 => "不支持的内容类型",
        422 => "无法处理",
        429 => "请求过于频繁",
        _ when status >= 500 => "服务器暂时无法处理，请稍后重试",
        _ => "请求未能完成",
    };
}
