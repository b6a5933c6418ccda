using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Monitoring.Api.Infrastructure.Excel;

namespace Monitoring.Api.Reporting.Forms;

/// <summary>
/// The report form's shape, shared by the writer (GET /api/submissions/form) and the reader (POST /api/submissions/form):
/// sheet names, column headings (read back by heading, so a column moved by hand is still found), the narrative's rows and
/// the identity sheet's keys.
/// </summary>
public static class ReportFormLayout
{
    public const string Kind = "monitoring.report-form";
    public const string FormVersion = "1";

    public const string TargetSheet = "Chỉ tiêu";
    public const string TaskSheet = "Nhiệm vụ";
    public const string NarrativeSheet = "Báo cáo";
    public const string IdentitySheet = "Thông tin biểu mẫu";

    public const string IdHeader = "Mã định danh (không sửa)";
    public const string KeyHeader = "Mã mục (không sửa)";

    // ---- "Chỉ tiêu": what the unit reports on each target ----
    public const string TargetCode = "Mã", TargetStatement = "Chỉ tiêu", UnitOfMeasure = "Đơn vị tính", Goal = "Mục tiêu",
        BaselineValue = "Giá trị gốc", BaselineYear = "Năm gốc", LatestValue = "Số liệu đã duyệt gần nhất", LatestPeriod = "Kỳ của số liệu đã duyệt",
        Value = "Số liệu kỳ này", Stage = "Mức độ số liệu", AsOf = "Số liệu tính đến ngày", Source = "Nguồn số liệu", Note = "Ghi chú";

    /// <summary>The stages as the drop-down offers them, in the order of <see cref="Domain.Targets.FigureStage"/>.</summary>
    public static readonly IReadOnlyList<(Domain.Targets.FigureStage Stage, string Name)> Stages =
    [
        (Domain.Targets.FigureStage.Estimate, "ước tính"),
        (Domain.Targets.FigureStage.Preliminary, "sơ bộ"),
        (Domain.Targets.FigureStage.Official, "chính thức"),
    ];

    public static readonly IReadOnlyList<XlsxColumn> TargetColumns =
    [
        new(IdHeader, Width: 38, Hidden: true),
        new(TargetCode, Width: 10),
        new(TargetStatement, Width: 50),
        new(UnitOfMeasure, Width: 12),
        new(Goal, Width: 22),
        new(BaselineValue, XlsxKind.Number, Width: 13),
        new(BaselineYear, Width: 9),
        new(LatestValue, XlsxKind.Number, Width: 16),
        new(LatestPeriod, Width: 24),
        new(Value, XlsxKind.Number, Width: 16, Input: true),
        new(Stage, Width: 16, Input: true, Choices: Stages.Select(s => s.Name).ToList()),
        new(AsOf, XlsxKind.Date, Width: 14, Input: true),
        new(Source, Width: 26, Input: true),
        new(Note, Width: 32, Input: true),
    ];

    // ---- "Nhiệm vụ": progress on each task ----
    public const string TaskCode = "Mã", TaskStatement = "Nhiệm vụ", Deadline = "Thời hạn", Recorded = "Tiến độ đã ghi nhận (%)",
        PercentDone = "Tỷ lệ hoàn thành (%)", CompletedOn = "Ngày hoàn thành", TaskNote = "Ghi chú";

    public static readonly IReadOnlyList<XlsxColumn> TaskColumns =
    [
        new(IdHeader, Width: 38, Hidden: true),
        new(TaskCode, Width: 10),
        new(TaskStatement, Width: 55),
        new(Deadline, XlsxKind.Date, Width: 12),
        new(Recorded, XlsxKind.Integer, Width: 13),
        new(PercentDone, XlsxKind.Integer, Width: 14, Input: true),
        new(CompletedOn, XlsxKind.Date, Width: 15, Input: true),
        new(TaskNote, Width: 40, Input: true),
    ];

    // ---- "Báo cáo": the narrative under the headings of a báo cáo, and the evidence ----
    public const string Heading = "Mục", Text = "Nội dung";
    public const string EvidenceKey = "evidenceReferences";

    /// <summary>The narrative's headings: the JSON field of <see cref="Domain.Reporting.Narrative"/> and the heading a báo cáo uses.</summary>
    public static readonly IReadOnlyList<(string Field, string Heading)> NarrativeHeadings =
    [
        ("results", "Kết quả đạt được"),
        ("limitations", "Hạn chế, tồn tại"),
        ("objectiveCauses", "Nguyên nhân khách quan"),
        ("subjectiveCauses", "Nguyên nhân chủ quan"),
        ("proposals", "Đề xuất, kiến nghị"),
    ];

    public static readonly IReadOnlyList<XlsxColumn> NarrativeColumns =
    [
        new(KeyHeader, Width: 20, Hidden: true),
        new(Heading, Width: 34),
        new(Text, Width: 100, Input: true),
    ];

    /// <summary>Rows for evidence references: those saved, and at least this many free ones.</summary>
    public const int FreeEvidenceRows = 5;

    // ---- "Thông tin biểu mẫu": the form's identity, very hidden, signed ----
    public const string KindKey = "kind", VersionKey = "version", UnitIdKey = "unitId", UnitCodeKey = "unitCode", ResolutionIdKey = "resolutionId",
        ResolutionNumberKey = "resolutionNumber", PeriodKey = "period", TargetIdsKey = "targetIds", TaskIdsKey = "taskIds", GeneratedAtKey = "generatedAt",
        SignatureKey = "signature";

    public static readonly IReadOnlyList<XlsxColumn> IdentityColumns = [new("Khoá", Width: 18), new("Giá trị", Width: 60), new("Ý nghĩa", Width: 50)];

    /// <summary>The number of the column headed <paramref name="header"/> in a sheet's header row (1-based), by the layout.</summary>
    public static int ColumnOf(IReadOnlyList<XlsxColumn> columns, string header) => columns.Select((c, i) => (c, i)).First(x => x.c.Header == header).i + 1;

    public static string StageName(Domain.Targets.FigureStage stage) => Stages.First(s => s.Stage == stage).Name;
}

/// <summary>What a form is for, as its identity sheet carries it: the unit, resolution and period, and the rows it was made with.</summary>
public sealed record FormIdentity(Guid UnitId, Guid ResolutionId, string Period, IReadOnlyList<Guid> TargetIds, IReadOnlyList<Guid> TaskIds)
{
    /// <summary>
    /// An HMAC-SHA256 over the form's kind and version, the ids and the period, and every row id, under a key derived from the
    /// service's seal key (Audit:SealKey, else Auth:SigningKey): a form whose ids were edited — or made by anything but this
    /// service — does not carry a matching signature.
    /// </summary>
    public string Sign(byte[] key)
    {
        var text = string.Join('\n', ReportFormLayout.Kind, ReportFormLayout.FormVersion, UnitId.ToString("D"), ResolutionId.ToString("D"), Period,
            string.Join(',', TargetIds.Select(id => id.ToString("D"))), string.Join(',', TaskIds.Select(id => id.ToString("D"))));
        return "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    public bool IsSignedBy(byte[] key, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(key)), Encoding.ASCII.GetBytes(signature));

    /// <summary>The forms' key: the seal key, bound to this one use.</summary>
    public static byte[] KeyFrom(IConfiguration configuration) =>
        HMACSHA256.HashData(Audit.AuditOptions.ResolveKey(configuration), "monitoring report form v1"u8);

    public static string Ids(IEnumerable<Guid> ids) => string.Join(',', ids.Select(id => id.ToString("D", CultureInfo.InvariantCulture)));
}
