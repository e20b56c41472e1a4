using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;

namespace Replies.Functions.Web;

/// <summary>
/// Reads a page's form: checks its antiforgery token, then binds <c>Input.X</c> fields onto an input object. A value
/// that does not parse (a date typed wrong) becomes a message beside its field, as a refused command's would.
/// </summary>
public sealed class FormReader(IAntiforgery antiforgery, PageRenderer pages)
{
    private const string Unreadable = "replies.form-unreadable";

    /// <summary>The form, or null when it is not a form or its token is missing, stale or forged.</summary>
    public async Task<IFormCollection?> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            // Read first, so a form the reader refuses is told apart from a bad token.
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            await antiforgery.ValidateRequestAsync(request.HttpContext);
            return form;
        }
        catch (AntiforgeryValidationException ex)
        {
            if (ex.InnerException is InvalidDataException)
            {
                request.HttpContext.Items[Unreadable] = true;
            }

            return null;
        }
        catch (InvalidDataException)
        {
            request.HttpContext.Items[Unreadable] = true;
            return null;
        }
    }

    /// <summary>The page for a form <see cref="ReadAsync"/> refused: unreadable, or its token missing, stale or forged.</summary>
    public IResult Refused(HttpContext http) =>
        pages.Status(http, StatusCodes.Status400BadRequest, http.Items.ContainsKey(Unreadable)
            ? "表单内容含有无法识别的字符，请检查后重新提交。"
            : "表单已过期，请刷新页面后重试。");

    /// <summary>Binds the fields named <c>Input.{Property}</c>; messages are keyed by the camelCase property name.</summary>
    public static T Bind<T>(IFormCollection form, FieldErrors errors)
        where T : new()
    {
        var input = new T();
        foreach (var property in typeof(T).GetProperties().Where(p => p.CanWrite))
        {
            var values = form[$"Input.{property.Name}"];
            var type = property.PropertyType;
            if (type == typeof(List<string>))
            {
                property.SetValue(input, values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList());
                continue;
            }

            var text = values.FirstOrDefault(v => !string.IsNullOrEmpty(v));
            if (type == typeof(string))
            {
                property.SetValue(input, text);
                continue;
            }

            if (text is null)
            {
                continue;
            }

            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (Parse(target, text.Trim()) is { } parsed)
            {
                property.SetValue(input, parsed);
            }
            else
            {
                errors.Add(char.ToLowerInvariant(property.Name[0]) + property.Name[1..], "格式不正确。");
            }
        }

        return input;
    }

    private static object? Parse(Type type, string text) => type switch
    {
        _ when type == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
        _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null,
        _ when type == typeof(DateOnly) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        _ when type.IsEnum => Enum.TryParse(type, text, true, out var e) && Enum.IsDefined(type, e!) && !text.All(char.IsAsciiDigit) ? e : null,
        _ => null,
    };
}
