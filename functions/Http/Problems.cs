using Replies.Workflows.Lifecycle;

namespace Replies.Functions.Http;

/// <summary>RFC 7807 answers with Chinese titles and details, the ones every function gives the same way.</summary>
internal static class Problems
{
    public const string TypeBase = "https://replies.example.gov.cn/problems/";

    public static CommandResult Validation(FieldErrors errors) =>
        CommandResult.Invalid(errors.ToDictionary(), "请求参数有误", "提交的内容有误，请按提示修改后重试。", TypeBase + "validation");

    public static CommandResult Field(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return Validation(errors);
    }

    public static CommandResult NotFound(string what = "未找到该建议或提案。") =>
        CommandResult.Problem(StatusCodes.Status404NotFound, "未找到", what, TypeBase + "not-found");

    public static CommandResult Forbidden(string detail = "您无权进行此操作。") =>
        CommandResult.Problem(StatusCodes.Status403Forbidden, "无权操作", detail, TypeBase + "forbidden");

    public static CommandResult WrongStage(ProposalStage stage, string detail) =>
        CommandResult.Problem(StatusCodes.Status409Conflict, "当前阶段不能进行此操作", detail, TypeBase + "wrong-stage", new Dictionary<string, object?> { ["currentStage"] = stage.ToString(), ["currentStageLabel"] = Labels.Of(stage) });

    public static CommandResult Refused(RequestOutcome outcome) =>
        CommandResult.Problem(StatusCodes.Status409Conflict, "请求未被接受", outcome.Reason, TypeBase + "refused", new Dictionary<string, object?>
        {
            ["requestId"] = outcome.RequestId,
            ["currentStage"] = outcome.Stage.ToString(),
            ["currentStageLabel"] = Labels.Of(outcome.Stage),
        });

    public static CommandResult Conflict(string detail) =>
        CommandResult.Problem(StatusCodes.Status409Conflict, "操作冲突", detail, TypeBase + "conflict");

    public static CommandResult Unprocessable(string detail) =>
        CommandResult.Problem(StatusCodes.Status422UnprocessableEntity, "无法处理", detail, TypeBase + "unprocessable");

    public static CommandResult TooLarge(int max) =>
        CommandResult.Problem(StatusCodes.Status413PayloadTooLarge, "请求内容过大", $"请求内容不能超过{max / 1024} KB。", TypeBase + "too-large");

    public static CommandResult BadJson(string detail) =>
        CommandResult.Problem(StatusCodes.Status400BadRequest, "请求格式有误", detail, TypeBase + "malformed");

    /// <summary>A problem with the status's Chinese title (the host's own answers: 401, 404 of an unknown route, 500...).</summary>
    public static CommandResult Status(int status, string? detail = null) =>
        CommandResult.Problem(status, TitleFor(status), detail, TypeBase + status.ToString(System.Globalization.CultureInfo.InvariantCulture));

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
