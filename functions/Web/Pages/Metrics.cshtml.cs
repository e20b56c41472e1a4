using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Replies.Functions.Identity;
using Replies.Workflows.Reports;
using Replies.Workflows.Storage;

namespace Replies.Functions.Web.Pages;

/// <summary>The figures per department and session as bar charts, because people would rather look than read tables.</summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class MetricsModel(ProposalCatalog catalog) : PageModel
{
    public HandlingMetrics Overall { get; private set; } = null!;

    public IReadOnlyList<HandlingMetrics> ByDepartment { get; private set; } = [];

    public IReadOnlyList<HandlingMetrics> BySession { get; private set; } = [];

    public static string Percent(double? rate) => rate is { } r ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r * 100:0.#}%") : "—";

    /// <summary>A horizontal bar chart as inline SVG: one labelled bar per group, the rate written after it.</summary>
    public static Microsoft.AspNetCore.Html.HtmlString Bars(string label, IReadOnlyList<HandlingMetrics> rows, Func<HandlingMetrics, double?> rate)
    {
        static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
        var sb = new System.Text.StringBuilder();
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{E(label)}\" viewBox=\"0 0 600 {rows.Count * 28 + 8}\" width=\"100%\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var value = rate(rows[i]) ?? 0;
            var y = i * 28;
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 20}\" font-size=\"13\">{E(rows[i].Group)}</text>");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<rect x=\"200\" y=\"{y + 6}\" width=\"{value * 330:0.#}\" height=\"18\" fill=\"#b3261e\"></rect>");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"<text x=\"{205 + (value * 330):0.#}\" y=\"{y + 20}\" font-size=\"13\">{Percent(rate(rows[i]))}</text>");
        }

        sb.Append("</svg>");
        return new Microsoft.AspNetCore.Html.HtmlString(sb.ToString());
    }

    public void OnGet()
    {
        var items = catalog.All.ToList();
        Overall = HandlingMetrics.Of("全部", items);
        ByDepartment = HandlingMetrics.By(items, s => s.LeadDepartment);
        BySession = HandlingMetrics.By(items, s => s.Session);
    }
}
