using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Monitoring.Api.Infrastructure;
using Monitoring.Api.Infrastructure.Excel;
using Monitoring.Api.Infrastructure.Http;
using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using static Monitoring.Api.Reporting.Forms.ReportFormLayout;

namespace Monitoring.Api.Reporting.Forms;

/// <summary>
/// The problems of an uploaded form, each keyed by the cell it is about ("Chỉ tiêu!J9"), the sheet, or "file", with a message
/// that says where in words: "Trang 'Chỉ tiêu', dòng 9, cột J: …" (in English: "Sheet 'Chỉ tiêu', row 9, column J: …").
/// </summary>
public sealed class FormProblems
{
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public int Count => Errors.Values.Sum(v => v.Count);

    public void At(string sheet, int row, int column, string message)
    {
        var letter = XlsxWorkbook.ColumnName(column);
        Add($"{sheet}!{letter}{row}", Localized.Text($"Sheet '{sheet}', row {row}, column {letter}: {message}",
            $"Trang '{sheet}', dòng {row}, cột {letter}: {message}"));
    }

    public void At(string sheet, int row, int column, string english, string vietnamese) => At(sheet, row, column, Localized.Text(english, vietnamese));

    public void Sheet(string sheet, string message) => Add(sheet, Localized.Text($"Sheet '{sheet}': {message}", $"Trang '{sheet}': {message}"));

    public void File(string english, string vietnamese) => Add("file", Localized.Text(english, vietnamese));

    public void Add(string key, string message)
    {
        if (!Errors.TryGetValue(key, out var list)) Errors[key] = list = [];
        list.Add(message);
    }

    public HttpValidationProblemDetails ToProblem()
    {
        var problem = Problems.InvalidDetails(Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        problem.Title = Localized.Text("The form has problems; nothing was recorded", "Biểu mẫu có lỗi; chưa ghi nhận nội dung nào");
        problem.Detail = Localized.Text($"{Count} problem(s): correct the cells named and upload the form again.",
            $"Có {Count} lỗi: hãy sửa các ô được nêu rồi tải biểu mẫu lên lại.");
        return problem;
    }
}

/// <summary>Where each part of the draft built from a form came from: rows and columns, to put the API's messages back on cells.</summary>
public sealed partial class FormCells
{
    public List<int> FigureRows { get; } = [];
    public Dictionary<string, int> FigureColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int TargetIdColumn { get; set; } = 1;
    public List<int> TaskRows { get; } = [];
    public Dictionary<string, int> TaskColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int TaskIdColumn { get; set; } = 1;
    public Dictionary<string, int> NarrativeRows { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int NarrativeTextColumn { get; set; } = 3;
    public List<int> EvidenceRows { get; } = [];
    public Dictionary<string, int> IdentityRows { get; } = new(StringComparer.Ordinal);

    /// <summary>Puts each of the API's messages (keyed by JSON path) on the cell the path came from.</summary>
    public FormProblems Place(IDictionary<string, string[]> errors)
    {
        var problems = new FormProblems();
        foreach (var (path, messages) in errors)
            foreach (var message in messages)
                Place(problems, path, message);
        return problems;
    }

    private void Place(FormProblems problems, string path, string message)
    {
        var match = RowPath().Match(path);
        if (match.Success)
        {
            var list = match.Groups[1].Value;
            var index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var field = match.Groups[3].Success ? match.Groups[3].Value : "";
            switch (list.ToLowerInvariant())
            {
                case "figures" when index < FigureRows.Count:
                {
                    var column = field.Equals("targetId", StringComparison.OrdinalIgnoreCase) ? TargetIdColumn
                        : FigureColumns.GetValueOrDefault(field, FigureColumns["value"]);
                    problems.At(TargetSheet, FigureRows[index], column, Readable(message, path, FigureHeadings.GetValueOrDefault(field, Value)));
                    return;
                }
                case "taskupdates" when index < TaskRows.Count:
                {
                    var column = field.Equals("taskId", StringComparison.OrdinalIgnoreCase) ? TaskIdColumn
                        : field.Equals("completed", StringComparison.OrdinalIgnoreCase) ? TaskColumns["completedOn"]
                        : TaskColumns.GetValueOrDefault(field, TaskColumns["percentDone"]);
                    problems.At(TaskSheet, TaskRows[index], column, Readable(message, path, TaskHeadings.GetValueOrDefault(field, PercentDone)));
                    return;
                }
                case "evidencereferences" when index < EvidenceRows.Count:
                    problems.At(NarrativeSheet, EvidenceRows[index], NarrativeTextColumn, Readable(message, path, ReportFormLayout.Text));
                    return;
            }
        }
        if (path.StartsWith("narrative", StringComparison.OrdinalIgnoreCase))
        {
            var field = path.Length > "narrative.".Length ? path["narrative.".Length..] : "";
            var row = NarrativeRows.TryGetValue(field, out var r) ? r : NarrativeRows.Values.DefaultIfEmpty(0).Min();
            if (row > 0)
            {
                problems.At(NarrativeSheet, row, NarrativeTextColumn, Readable(message, path, ReportFormLayout.Text));
                return;
            }
        }
        var sheet = path.ToLowerInvariant() switch
        {
            var p when p.StartsWith("figures") => TargetSheet,
            var p when p.StartsWith("taskupdates") => TaskSheet,
            var p when p.StartsWith("evidencereferences") => NarrativeSheet,
            _ => null,
        };
        if (sheet is not null)
        {
            problems.Sheet(sheet, message);
            return;
        }
        if (IdentityRows.TryGetValue(path, out var identityRow))
        {
            problems.At(IdentitySheet, identityRow, 2, message);
            return;
        }
        problems.Add("file", message);
    }

    /// <summary>The API names the JSON path in some messages ('figures[0].value' must not be empty): the clerk reads the column's heading.</summary>
    private static string Readable(string message, string path, string heading)
    {
        var leaf = path[(path.LastIndexOf('.') + 1)..];
        return message.Replace(path, heading).Replace($"'{leaf}'", $"'{heading}'");
    }

    private static readonly Dictionary<string, string> FigureHeadings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["value"] = Value, ["stage"] = Stage, ["asOf"] = ReportFormLayout.AsOf, ["source"] = Source, ["note"] = Note, ["targetId"] = IdHeader,
    };

    private static readonly Dictionary<string, string> TaskHeadings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["percentDone"] = PercentDone, ["completedOn"] = CompletedOn, ["completed"] = CompletedOn, ["note"] = TaskNote, ["taskId"] = IdHeader,
    };

    [GeneratedRegex(@"^(figures|taskUpdates|evidenceReferences)\[(\d+)\](?:\.(\w+))?", RegexOptions.IgnoreCase)]
    private static partial Regex RowPath();
}

/// <summary>A form read: what it is for, the draft it carries (as the JSON body of PUT /api/submissions/draft would), and where each part came from.</summary>
public sealed record ReadForm(FormIdentity Identity, IReadOnlyList<DraftFigure> Figures, IReadOnlyList<DraftTaskUpdate> TaskUpdates, Narrative? Narrative,
    IReadOnlyList<string> EvidenceReferences, FormCells Cells);

/// <summary>
/// Reads a filled report form: its signed identity, then every row, cell by cell, the way a clerk fills it (numbers as numbers
/// or written the Vietnamese way, "29.240,3"; dates as dates or dd/mm/yyyy; the stage from the drop-down). Every problem is
/// collected, each on its cell; rows left empty are not sent. The rules about the values themselves are the API's.
/// </summary>
public static class ReportFormReader
{
    /// <summary>What the form is for, from its identity sheet, if its signature holds; else null and the problem.</summary>
    public static FormIdentity? Identity(XlsxReader book, byte[] key, FormCells cells, FormProblems problems) => ReadIdentity(book, key, cells, problems);

    /// <summary>The draft the form's rows carry, or null when any cell has a problem (all of them collected in <paramref name="problems"/>).</summary>
    public static ReadForm? Rows(XlsxReader book, FormIdentity identity, FormCells cells, FormProblems problems)
    {
        var figures = ReadTargets(book, identity, cells, problems);
        var updates = ReadTasks(book, identity, cells, problems);
        var (narrative, evidence) = ReadNarrative(book, cells, problems);
        return problems.Count > 0 ? null : new ReadForm(identity, figures, updates, narrative, evidence, cells);
    }

    private static FormIdentity? ReadIdentity(XlsxReader book, byte[] key, FormCells cells, FormProblems problems)
    {
        var grid = book.Sheet(IdentitySheet);
        if (grid is null)
        {
            problems.File($"This is not a report form of the service (its sheet '{IdentitySheet}' is missing): download the form and fill that in.",
                $"Đây không phải biểu mẫu báo cáo của hệ thống (thiếu trang '{IdentitySheet}'): hãy tải biểu mẫu về và điền vào đó.");
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var row = 1; row <= grid.LastRow; row++)
        {
            var name = grid.TextAt(row, 1);
            if (name.Length == 0 || values.ContainsKey(name)) continue;
            values[name] = grid.TextAt(row, 2);
            cells.IdentityRows[name] = row;
        }
        string Value(string name) => values.GetValueOrDefault(name, "");
        void Wrong(string name, string english, string vietnamese)
        {
            if (cells.IdentityRows.TryGetValue(name, out var row)) problems.At(IdentitySheet, row, 2, english, vietnamese);
            else problems.File(english, vietnamese);
        }

        if (Value(KindKey) != Kind || Value(VersionKey) != FormVersion)
        {
            Wrong(KindKey, "This is not a report form of this version: download the form again.",
                "Đây không phải biểu mẫu báo cáo của phiên bản này: hãy tải lại biểu mẫu.");
            return null;
        }
        var unit = Guid.TryParse(Value(UnitIdKey), out var u) ? u : (Guid?)null;
        var resolution = Guid.TryParse(Value(ResolutionIdKey), out var r) ? r : (Guid?)null;
        var period = ReportingPeriod.TryParse(Value(PeriodKey), out var p) ? p : null;
        var targetIds = Ids(Value(TargetIdsKey));
        var taskIds = Ids(Value(TaskIdsKey));
        var identity = unit is { } unitId && resolution is { } resolutionId && period is not null && targetIds is not null && taskIds is not null
            ? new FormIdentity(unitId, resolutionId, period.ToString(), targetIds, taskIds)
            : null;
        if (identity is null || !identity.IsSignedBy(key, Value(SignatureKey)))
        {
            Wrong(SignatureKey, "The form's identity (its unit, resolution, period or row ids) was changed, or the form was not made by this service: download the form again.",
                "Thông tin định danh của biểu mẫu (đơn vị, nghị quyết, kỳ hoặc mã định danh các dòng) đã bị sửa, hoặc biểu mẫu không do hệ thống lập: hãy tải lại biểu mẫu.");
            return null;
        }
        return identity;
    }

    private static List<Guid>? Ids(string text)
    {
        var ids = new List<Guid>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(part, out var id)) return null;
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The header row (the one whose cell reads <paramref name="firstHeader"/>) and the column of each heading asked for.</summary>
    private static (int HeaderRow, Dictionary<string, int> Columns)? Headers(XlsxGrid grid, string firstHeader, IEnumerable<string> headers,
        FormProblems problems)
    {
        var header = grid.Cells.Values.Where(c => c.Text.Trim() == firstHeader).OrderBy(c => c.Row).FirstOrDefault();
        if (header is null)
        {
            problems.Sheet(grid.Name, Localized.Text($"its header row (column '{firstHeader}') is missing: download the form again.",
                $"thiếu dòng tiêu đề (cột '{firstHeader}'): hãy tải lại biểu mẫu."));
            return null;
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var inRow = grid.Cells.Values.Where(c => c.Row == header.Row).GroupBy(c => c.Text.Trim()).ToDictionary(g => g.Key, g => g.Min(c => c.Column));
        foreach (var name in headers)
        {
            if (inRow.TryGetValue(name, out var column)) columns[name] = column;
            else problems.Sheet(grid.Name, Localized.Text($"the column '{name}' is missing from its header row (row {header.Row}): download the form again.",
                $"thiếu cột '{name}' ở dòng tiêu đề (dòng {header.Row}): hãy tải lại biểu mẫu."));
        }
        return columns.Count == headers.Count() ? (header.Row, columns) : null;
    }

    private static XlsxGrid? SheetOrProblem(XlsxReader book, string name, FormProblems problems)
    {
        var grid = book.Sheet(name);
        if (grid is null)
            problems.File($"The sheet '{name}' is missing: download the form again.", $"Thiếu trang '{name}': hãy tải lại biểu mẫu.");
        return grid;
    }

    /// <summary>The row's id: one of the form's, given once; else a problem on its cell.</summary>
    private static Guid? RowId(XlsxGrid grid, int row, int column, IReadOnlyList<Guid> ids, HashSet<Guid> seen, string what, string whatVi,
        FormProblems problems)
    {
        var text = grid.TextAt(row, column);
        if (text.Length == 0)
        {
            problems.At(grid.Name, row, column, $"this row is not one of the form's {what} (its id is missing); enter figures only on the form's rows.",
                $"dòng này không phải {whatVi} của biểu mẫu (thiếu mã định danh); chỉ nhập vào các dòng có sẵn của biểu mẫu.");
            return null;
        }
        if (!Guid.TryParse(text, out var id) || !ids.Contains(id))
        {
            problems.At(grid.Name, row, column, $"the row's id was changed: it is not one of the form's {what}. Download the form again.",
                $"mã định danh của dòng đã bị sửa: không phải {whatVi} của biểu mẫu. Hãy tải lại biểu mẫu.");
            return null;
        }
        if (!seen.Add(id))
        {
            problems.At(grid.Name, row, column, $"this row repeats another row's id: each of the form's {what} appears once.",
                $"dòng này trùng mã định danh với dòng khác: mỗi {whatVi} chỉ xuất hiện một lần.");
            return null;
        }
        return id;
    }

    private static List<DraftFigure> ReadTargets(XlsxReader book, FormIdentity identity, FormCells cells, FormProblems problems)
    {
        var figures = new List<DraftFigure>();
        if (SheetOrProblem(book, TargetSheet, problems) is not { } grid) return figures;
        string[] inputs = [Value, Stage, ReportFormLayout.AsOf, Source, Note];
        if (Headers(grid, IdHeader, inputs.Prepend(IdHeader), problems) is not var (headerRow, columns)) return figures;
        cells.TargetIdColumn = columns[IdHeader];
        cells.FigureColumns["value"] = columns[Value];
        cells.FigureColumns["stage"] = columns[Stage];
        cells.FigureColumns["asOf"] = columns[ReportFormLayout.AsOf];
        cells.FigureColumns["source"] = columns[Source];
        cells.FigureColumns["note"] = columns[Note];

        var seen = new HashSet<Guid>();
        for (var row = headerRow + 1; row <= grid.LastRow; row++)
        {
            if (inputs.All(h => grid[row, columns[h]] is null)) continue;
            // A row that is not one of the form's is named by its id alone: its other cells are not read.
            if (RowId(grid, row, columns[IdHeader], identity.TargetIds, seen, "targets", "chỉ tiêu", problems) is not { } id) continue;
            var before = problems.Count;
            var value = Decimal(grid, row, columns[Value], problems);
            var stage = StageOf(grid, row, columns[Stage], problems);
            var asOf = Day(grid, row, columns[ReportFormLayout.AsOf], problems);
            var source = TextOf(grid, row, columns[Source], problems);
            var note = TextOf(grid, row, columns[Note], problems);
            if (problems.Count > before || stage is null) continue;
            figures.Add(new DraftFigure(id, value, stage.Value, asOf, source, note));
            cells.FigureRows.Add(row);
        }
        return figures;
    }

    private static List<DraftTaskUpdate> ReadTasks(XlsxReader book, FormIdentity identity, FormCells cells, FormProblems problems)
    {
        var updates = new List<DraftTaskUpdate>();
        if (SheetOrProblem(book, TaskSheet, problems) is not { } grid) return updates;
        string[] inputs = [PercentDone, CompletedOn, TaskNote];
        if (Headers(grid, IdHeader, inputs.Prepend(IdHeader), problems) is not var (headerRow, columns)) return updates;
        cells.TaskIdColumn = columns[IdHeader];
        cells.TaskColumns["percentDone"] = columns[PercentDone];
        cells.TaskColumns["completedOn"] = columns[CompletedOn];
        cells.TaskColumns["note"] = columns[TaskNote];

        var seen = new HashSet<Guid>();
        for (var row = headerRow + 1; row <= grid.LastRow; row++)
        {
            if (inputs.All(h => grid[row, columns[h]] is null)) continue;
            if (RowId(grid, row, columns[IdHeader], identity.TaskIds, seen, "tasks", "nhiệm vụ", problems) is not { } id) continue;
            var before = problems.Count;
            var percent = Percent(grid, row, columns[PercentDone], problems);
            var completedOn = Day(grid, row, columns[CompletedOn], problems);
            var note = TextOf(grid, row, columns[TaskNote], problems);
            if (percent is null && completedOn is null && problems.Count == before)
                problems.At(TaskSheet, row, columns[PercentDone], "enter the percent done (0 to 100).", "cần nhập tỷ lệ hoàn thành (0 đến 100).");
            if (problems.Count > before) continue;
            updates.Add(new DraftTaskUpdate(id, percent ?? 100, completedOn is not null, completedOn, note));
            cells.TaskRows.Add(row);
        }
        return updates;
    }

    private static (Narrative?, List<string>) ReadNarrative(XlsxReader book, FormCells cells, FormProblems problems)
    {
        var evidence = new List<string>();
        if (SheetOrProblem(book, NarrativeSheet, problems) is not { } grid) return (null, evidence);
        if (Headers(grid, KeyHeader, [KeyHeader, ReportFormLayout.Text], problems) is not var (headerRow, columns)) return (null, evidence);
        var keyColumn = columns[KeyHeader];
        var textColumn = columns[ReportFormLayout.Text];
        cells.NarrativeTextColumn = textColumn;

        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var row = headerRow + 1; row <= grid.LastRow; row++)
        {
            var key = grid.TextAt(row, keyColumn);
            var known = NarrativeHeadings.FirstOrDefault(h => h.Field == key).Field;
            if (known is not null && !cells.NarrativeRows.ContainsKey(known)) cells.NarrativeRows[known] = row;
            if (grid[row, textColumn] is null) continue;
            var text = TextOf(grid, row, textColumn, problems);
            if (key == EvidenceKey)
            {
                foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    evidence.Add(line);
                    cells.EvidenceRows.Add(row);
                }
            }
            else if (known is null || texts.ContainsKey(known))
                problems.At(NarrativeSheet, row, textColumn, "this row is not one of the form's headings (its key was changed): download the form again.",
                    "dòng này không phải một mục của biểu mẫu (mã mục đã bị sửa): hãy tải lại biểu mẫu.");
            else texts[known] = text;
        }
        var narrative = texts.Values.All(string.IsNullOrWhiteSpace)
            ? null
            : new Narrative(texts.GetValueOrDefault("results"), texts.GetValueOrDefault("limitations"), texts.GetValueOrDefault("objectiveCauses"),
                texts.GetValueOrDefault("subjectiveCauses"), texts.GetValueOrDefault("proposals"));
        return (narrative, evidence);
    }

    // ---- One cell ----

    private static bool Unreadable(XlsxGrid grid, XlsxCell cell, FormProblems problems)
    {
        if (cell.Kind == XlsxCellKind.Error)
        {
            problems.At(grid.Name, cell.Row, cell.Column, $"the cell holds an error ({cell.Text}), not a value.", $"ô chứa lỗi ({cell.Text}), không phải giá trị.");
            return true;
        }
        if (cell.Kind == XlsxCellKind.Boolean)
        {
            problems.At(grid.Name, cell.Row, cell.Column, $"the cell holds {cell.Text}, not a value.", $"ô chứa giá trị logic {cell.Text}, không phải số liệu.");
            return true;
        }
        return false;
    }

    /// <summary>A number cell, or text written the Vietnamese way ("29.240,3", "6.150"); a percentage cell ("95%" typed into Excel) counts as 95.</summary>
    private static decimal? Decimal(XlsxGrid grid, int row, int column, FormProblems problems)
    {
        if (grid[row, column] is not { } cell || Unreadable(grid, cell, problems)) return null;
        try
        {
            if (cell.Number is { } number) return (decimal)(cell.Percent ? number * 100 : number);
            var text = cell.Text.Trim().TrimEnd('%').Trim();
            if (VietnameseNumber.TryParse(text, out var value)) return value;
        }
        catch (OverflowException)
        {
            problems.At(grid.Name, row, column, "the number is too large.", "số quá lớn.");
            return null;
        }
        problems.At(grid.Name, row, column, $"'{cell.Text.Trim()}' is not a number: enter a number, or write it the Vietnamese way (29.240,3).",
            $"'{cell.Text.Trim()}' không phải là số: hãy nhập số, hoặc viết kiểu Việt Nam (29.240,3).");
        return null;
    }

    private static int? Percent(XlsxGrid grid, int row, int column, FormProblems problems)
    {
        if (grid[row, column] is not { } cell || Unreadable(grid, cell, problems)) return null;
        double? number = cell.Number is { } n ? (cell.Percent ? n * 100 : n) : null;
        if (number is null)
        {
            var text = cell.Text.Trim().TrimEnd('%').Trim();
            if (VietnameseNumber.TryParse(text, out var parsed)) number = (double)parsed;
        }
        if (number is { } x && Math.Abs(x - Math.Round(x)) < 1e-9 && Math.Abs(x) <= int.MaxValue) return (int)Math.Round(x);
        problems.At(grid.Name, row, column, $"'{cell.Text.Trim()}' is not a whole percent: enter a whole number from 0 to 100.",
            $"'{cell.Text.Trim()}' không phải số nguyên: hãy nhập tỷ lệ là số nguyên từ 0 đến 100.");
        return null;
    }

    private static readonly string[] DayFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy"];

    /// <summary>A date cell (a serial the format shows as a date), or text dd/mm/yyyy.</summary>
    private static DateOnly? Day(XlsxGrid grid, int row, int column, FormProblems problems)
    {
        if (grid[row, column] is not { } cell || Unreadable(grid, cell, problems)) return null;
        if (cell.Number is { } serial && serial >= 1 && serial < 2958466 && Math.Abs(serial - Math.Floor(serial)) < 1e-6)
            return DateOnly.FromDateTime(DateTime.FromOADate(serial));
        if (cell.Number is null && DateOnly.TryParseExact(cell.Text.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        problems.At(grid.Name, row, column, $"'{cell.Text.Trim()}' is not a date: enter a date, dd/mm/yyyy (30/06/2023).",
            $"'{cell.Text.Trim()}' không phải là ngày: hãy nhập ngày dạng dd/mm/yyyy (30/06/2023).");
        return null;
    }

    private static FigureStage? StageOf(XlsxGrid grid, int row, int column, FormProblems problems)
    {
        var names = string.Join(", ", Stages.Select(s => s.Name));
        if (grid[row, column] is not { } cell)
        {
            problems.At(grid.Name, row, column, $"choose the figure's stage: {names}.", $"cần chọn mức độ số liệu: {names}.");
            return null;
        }
        if (Unreadable(grid, cell, problems)) return null;
        var text = cell.Text.Normalize(NormalizationForm.FormC).Trim();
        foreach (var (stage, name) in Stages)
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase) || string.Equals(text, stage.ToString(), StringComparison.OrdinalIgnoreCase))
                return stage;
        problems.At(grid.Name, row, column, $"'{text}' is not a stage: choose one of {names}.", $"'{text}' không phải mức độ số liệu: hãy chọn {names}.");
        return null;
    }

    private static string? TextOf(XlsxGrid grid, int row, int column, FormProblems problems)
    {
        if (grid[row, column] is not { } cell || Unreadable(grid, cell, problems)) return null;
        var text = cell.Text.Replace("\r\n", "\n").Trim();
        return text.Length == 0 ? null : text;
    }
}
