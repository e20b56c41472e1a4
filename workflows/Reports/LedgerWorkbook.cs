using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Replies.Workflows.Lifecycle;
using Replies.Workflows.ReadModel;
using Replies.Workflows.Rules;

namespace Replies.Workflows.Reports;

/// <summary>
/// The clerk office's ledger (台账) as an Excel workbook: one row per item with the columns offices keep, a bold
/// frozen header row and an auto filter, so it opens ready to sort and filter.
/// </summary>
public static class LedgerWorkbook
{
    private static readonly string[] Headers =
    [
        "序号", "编号", "立案号", "届次", "类别", "标题", "领衔人", "联名人", "主办单位", "会办单位", "交办日期", "答复期限",
        "办理阶段", "答复日期", "按时答复", "答复类别", "公开属性", "满意度", "重点", "逾期",
    ];

    /// <summary>Renders the ledger of <paramref name="items"/> in the given order.</summary>
    public static byte[] Render(IEnumerable<ItemRow> items, string sheetName = "台账")
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, Headers, bold: true));
            var n = 1;
            foreach (var item in items)
            {
                n++;
                data.Append(Row((uint)n, Cells(n - 1, item), bold: false));
            }

            var lastColumn = Column(Headers.Length - 1);
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                new Columns(Headers.Select((h, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = h == "标题" ? 48 : 14, CustomWidth = true })),
                data,
                new AutoFilter { Reference = $"A1:{lastColumn}{Math.Max(n, 1)}" });
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static string?[] Cells(int index, ItemRow s) =>
    [
        index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        s.ProposalId,
        s.FilingNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        s.Session,
        Labels.Noun(s.Kind),
        s.Title,
        s.ProposerName,
        string.Join("、", s.CoSignerNames),
        s.LeadDepartment,
        string.Join("、", s.CoHandlers),
        s.AssignedAt is { } a ? Day(ChinaTime.DateOf(a)) : null,
        s.ReplyDue is { } due ? Day(due) : null,
        Labels.Of(s.Stage),
        s.RepliedAt is { } r ? Day(ChinaTime.DateOf(r)) : null,
        s.RepliedAt is null ? null : s.RepliedOnTime ? "是" : "否",
        s.ResultClass?.ToString(),
        s.Disclosure switch { Disclosure.Full => "全文公开", Disclosure.Summary => "摘要公开", Disclosure.NotPublic => "不公开", _ => null },
        s.Rating is { } rating ? Labels.Of(rating) : null,
        s.IsKey ? "是" : null,
        s.Overdue && !s.IsFinal ? "是" : null,
    ];

    private static string Day(DateOnly d) => ChinaTime.IsoDay(d);

    private static Row Row(uint number, IReadOnlyList<string?> values, bool bold)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { Length: > 0 } value)
            {
                continue;
            }

            // Inline strings keep the part self-contained; text cells keep ids and numbers like 0012 as written.
            row.Append(new Cell
            {
                CellReference = Column(i) + number,
                DataType = CellValues.InlineString,
                StyleIndex = bold ? 1U : 0U,
                InlineString = new InlineString(new Text(Sanitize(value))),
            });
        }

        return row;
    }

    // XML 1.0 cannot carry most control characters; a pasted title may hold them.
    private static string Sanitize(string value) => new([.. value.Where(c => c is '\t' or '\n' or '\r' || c >= ' ')]);

    private static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat { FontId = 0 }, new CellFormat { FontId = 1, ApplyFont = true }));
}
