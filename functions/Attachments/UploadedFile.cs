using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Replies.Functions.Startup;

namespace Replies.Functions.Attachments;

/// <summary>
/// Reads the one file of a multipart request (field <c>file</c>) with the upload limit, and the other fields, turning
/// every way it can be wrong into a problem. A request without a bearer token came with the browser's cookie: it must
/// carry the form's antiforgery token, as the pages' forms do.
/// </summary>
public static class UploadedFile
{
    public static async Task<(IFormCollection? Form, IFormFile? File, CommandResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var max = request.HttpContext.RequestServices.GetRequiredService<IOptions<IntakeOptions>>().Value.MaxAttachmentBytes;
        // Room for the form's other fields and the multipart framing.
        var limit = max + 256 * 1024;
        if (request.ContentLength > limit)
        {
            return (null, null, Problems.Field("file", $"附件不能超过{max / 1024d / 1024:0.#} MB。"));
        }

        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, CommandResult.Problem(StatusCodes.Status415UnsupportedMediaType, Problems.TitleFor(415), "请以 multipart/form-data 上传文件（字段 file）。", Problems.TypeBase + "media-type"));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 64, ValueLengthLimit = 64 * 1024 }, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, null, Problems.Field("file", $"上传内容无法读取或超过{max / 1024d / 1024:0.#} MB。"));
        }
        catch (IOException)
        {
            return (null, null, Problems.Field("file", "上传未完成，请重新上传。"));
        }

        if (request.Headers.Authorization.Count == 0)
        {
            try
            {
                await request.HttpContext.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(request.HttpContext);
            }
            catch (AntiforgeryValidationException)
            {
                return (form, null, Problems.Forbidden("表单已过期，请刷新页面后重试。"));
            }
        }

        var files = form.Files.GetFiles("file");
        return files.Count switch
        {
            0 => (form, null, Problems.Field("file", "请选择要上传的文件。")),
            > 1 => (form, null, Problems.Field("file", "一次只能上传一个文件。")),
            _ => (form, files[0], null),
        };
    }
}
