using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Replies.Workflows.Search;

namespace Replies.Functions.Library;

/// <summary>
/// POST /api/library: a department or the clerk office adds a document to the policy library (a plan, a work
/// programme, an earlier reply). The text is normalised (the original kept), trailing web boilerplate removed, and,
/// when asked, converted to simplified characters; the shared search index takes it within a pass or two.
/// </summary>
public sealed class UploadLibraryDocument(PolicyLibrary library, TimeProvider time)
{
    public sealed record Request(string? Title, string? Category, string? Department, string? Text, bool? ToSimplified);

    [Function(nameof(UploadLibraryDocument))]
    [Authorize(Policy = Policies.Officials)]
    [EndpointSummary("上传政策文件")]
    [Tags("library")]
    [RequestBody(typeof(Request))]
    [ProducesResponseType<LibraryDocument>(StatusCodes.Status201Created)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/library")] HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<Request>(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        var title = errors.Text("title", request.Title, "标题", 100, 2);
        var category = errors.Text("category", request.Category, "类别", 10);
        if (category.Length > 0 && !PolicyLibrary.Categories.Contains(category))
        {
            errors.Add("category", $"类别须为：{string.Join("、", PolicyLibrary.Categories)}。");
        }

        var text = errors.Text("text", request.Text, "正文", 200_000, 20);
        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        var user = http.HttpContext.Person()!;
        var id = time.GetUtcNow().ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
        var doc = await library.SaveAsync(id, title, category, request.Department?.Trim() ?? user.DepartmentId, text, user.Name, request.ToSimplified == true, cancellationToken);
        return CommandResult.Created($"/api/library/{id}", doc with { OriginalText = null });
    }
}
