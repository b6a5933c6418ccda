using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Monitoring.Domain.Common;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Reviews;

namespace Monitoring.Api.Reviews;

/// <summary>
/// The review as a Vietnamese administrative report (báo cáo sơ kết / tổng kết) the secretariat can edit: heading block,
/// I. Kết quả thực hiện, II. Hạn chế, nguyên nhân, III. Nhiệm vụ, giải pháp thời gian tới, a targets table in
/// Vietnamese number format, and the audit chain's head hash so that anyone can check the figures' history later.
/// </summary>
public static class ReviewDocx
{
    private const string Font = "Times New Roman";

    public static byte[] Build(ReviewContent review, Guid reviewId, long headSequence, string headHash, Audit.Checkpoint? checkpoint = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            AddStyles(main);

            body.Append(HeadingBlock(review));
            body.Append(Paragraph("BÁO CÁO", bold: true, size: 30, center: true, spaceBefore: 240));
            body.Append(Paragraph(Subject(review), bold: true, center: true));
            body.Append(Paragraph("-----", center: true));
            body.Append(Paragraph($"Số liệu tính đến ngày {review.CutOff:dd/MM/yyyy}.", italic: true, center: true));
            // Which data the report was made of: approved only or also those waiting for approval, and recorded by when.
            if (review.DataBasis is { } basis) body.Append(Paragraph(basis, italic: true, center: true, size: 22));

            body.Append(Heading("I. KẾT QUẢ THỰC HIỆN"));
            body.Append(Heading("1. Kết quả thực hiện các chỉ tiêu", level: 2));
            body.Append(Paragraph(TargetSummary(review)));
            body.Append(TargetsTable(review));
            if (review.Targets.Any(t => t.Latest?.ApprovalNote is not null))
                body.Append(Paragraph($"Ghi chú: số liệu ghi \"{ReviewCompiler.NotApproved}\" là số liệu đơn vị đã gửi nhưng chưa được phê duyệt.", italic: true, size: 22));
            foreach (var t in review.Targets.Where(t => t.Status is TargetStatus.AtRisk or TargetStatus.OffTrack))
                body.Append(Paragraph($"- {Label(t)}: {t.Explanation}"));

            body.Append(Heading("2. Kết quả thực hiện các nhiệm vụ", level: 2));
            body.Append(Paragraph($"Tổng số {review.Tasks.Items.Count} nhiệm vụ: hoàn thành {review.Tasks.Done}; đang thực hiện {review.Tasks.InProgress}; " +
                                  $"quá hạn {review.Tasks.Overdue}; chưa triển khai {review.Tasks.NotStarted}; tạm dừng {review.Tasks.Suspended}."));
            foreach (var group in review.Tasks.Items.GroupBy(t => t.Group))
            {
                body.Append(Paragraph(group.Key, italic: true));
                foreach (var task in group)
                    body.Append(Paragraph($"- {task.Statement} ({TaskLine(task)})"));
            }

            body.Append(Heading("3. Kết quả theo báo cáo của các đơn vị", level: 2));
            Passages(body, review.Narratives.Results);
            body.Append(Heading("4. Yêu cầu giải trình", level: 2));
            Explanations(body, review.Explanations ?? []);

            body.Append(Heading("II. HẠN CHẾ, NGUYÊN NHÂN"));
            body.Append(Heading("1. Hạn chế", level: 2));
            Passages(body, review.Narratives.Limitations);
            body.Append(Heading("2. Nguyên nhân", level: 2));
            body.Append(Paragraph("a) Nguyên nhân khách quan", italic: true));
            Passages(body, review.Narratives.ObjectiveCauses);
            body.Append(Paragraph("b) Nguyên nhân chủ quan", italic: true));
            Passages(body, review.Narratives.SubjectiveCauses);

            body.Append(Heading("III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI"));
            var unfinished = review.Tasks.Items.Where(t => t.Status is Domain.Tasks.TaskProgressStatus.Overdue or Domain.Tasks.TaskProgressStatus.InProgress
                or Domain.Tasks.TaskProgressStatus.NotStarted).ToList();
            body.Append(Paragraph($"1. Tập trung lãnh đạo, chỉ đạo hoàn thành {unfinished.Count} nhiệm vụ chưa hoàn thành, trước hết là {review.Tasks.Overdue} nhiệm vụ quá hạn:"));
            foreach (var task in unfinished.OrderBy(t => t.Status != Domain.Tasks.TaskProgressStatus.Overdue))
                body.Append(Paragraph($"- {task.Statement} ({TaskLine(task)})"));
            var lagging = review.Targets.Where(t => t.Status is TargetStatus.AtRisk or TargetStatus.OffTrack).ToList();
            body.Append(Paragraph($"2. Có giải pháp cụ thể đối với {lagging.Count} chỉ tiêu khó đạt hoặc không đạt" +
                                  (lagging.Count == 0 ? "." : ": " + string.Join("; ", lagging.Select(Label)) + ".")));
            body.Append(Paragraph("3. Kiến nghị, đề xuất của các đơn vị:"));
            Passages(body, review.Narratives.Proposals);
            if (review.UnitsNotReported.Count > 0)
                body.Append(Paragraph("4. Các đơn vị chưa báo cáo, đề nghị khẩn trương báo cáo: " +
                                      string.Join("; ", review.UnitsNotReported.Select(u => u.Name)) + "."));

            body.Append(Paragraph($"Báo cáo được lập từ dữ liệu của hệ thống theo dõi thực hiện nghị quyết; mã báo cáo {reviewId}. " +
                                  $"Mã băm đầu chuỗi kiểm toán (sự kiện số {headSequence}): {headHash}.", italic: true, size: 20, spaceBefore: 240));
            foreach (var line in CheckpointSection(checkpoint)) body.Append(line);
            body.Append(Paragraph("Nơi nhận:", bold: true, italic: true, size: 22, spaceBefore: 240));
            body.Append(Paragraph("- Ban Thường vụ Tỉnh ủy,", size: 22));
            body.Append(Paragraph("- Lưu Văn phòng Tỉnh ủy.", size: 22));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 720, Footer = 720 }));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// The signed checkpoint at generation, printed: the committee keeps the printed review, and anyone can later check the
    /// store against these lines (README, Checkpoints) — the fields, in the signed text's own words, and the signature.
    /// </summary>
    private static IEnumerable<Paragraph> CheckpointSection(Audit.Checkpoint? checkpoint)
    {
        if (checkpoint is null)
        {
            yield return Paragraph("Mốc kiểm tra chuỗi kiểm toán: không ký được (chuỗi kiểm toán không toàn vẹn khi lập báo cáo).", italic: true, size: 20, spaceBefore: 120);
            yield break;
        }
        yield return Paragraph($"Mốc kiểm tra chuỗi kiểm toán (đã ký số, lưu cùng báo cáo), lập lúc {checkpoint.RecordedAt.ToOffset(Infrastructure.ProvinceClock.Offset):dd/MM/yyyy HH:mm:ss}:",
            bold: true, size: 20, spaceBefore: 120);
        foreach (var line in checkpoint.Printable().TrimEnd('\n').Split('\n'))
            yield return Paragraph(line, size: 18);
    }

    private static string Subject(ReviewContent review)
    {
        var what = review.Kind == ReviewKind.MidTerm ? "Sơ kết giữa nhiệm kỳ" : "Tổng kết";
        var kind = review.ResolutionKind switch
        {
            ResolutionKind.Conclusion => "Kết luận",
            ResolutionKind.ActionProgramme => "Chương trình hành động",
            _ => "Nghị quyết",
        };
        return $"{what} thực hiện {kind} số {review.Number} {review.Title}";
    }

    private static string TargetSummary(ReviewContent review)
    {
        int Count(TargetStatus status) => review.Targets.Count(t => t.Status == status);
        return $"Tổng số {review.Targets.Count} chỉ tiêu: đạt/vượt {Count(TargetStatus.AchievedOrExceeded)}; đảm bảo tiến độ {Count(TargetStatus.OnTrack)}; " +
               $"khó đạt {Count(TargetStatus.AtRisk)}; không đạt {Count(TargetStatus.OffTrack)}; chưa có số liệu {Count(TargetStatus.NoData)}.";
    }

    private static string Label(ReviewTarget t) => string.IsNullOrWhiteSpace(t.Code) ? t.Statement : $"{t.Code} ({t.Statement})";

    private static string TaskLine(ReviewTask t) =>
        t.StatusText + (t.Deadline is { } d ? $", hạn {d:dd/MM/yyyy}" : "") + (t.CompletedOn is { } c ? $", hoàn thành {c:dd/MM/yyyy}" : "") +
        (t.Status == Domain.Tasks.TaskProgressStatus.InProgress ? $", {t.PercentDone}%" : "");

    private static void Passages(Body body, IReadOnlyList<NarrativePassage> passages)
    {
        if (passages.Count == 0)
        {
            body.Append(Paragraph("(Chưa có đơn vị nào báo cáo nội dung này.)", italic: true));
            return;
        }
        foreach (var p in passages)
            body.Append(Paragraph($"- {p.Unit} ({p.Period}){(p.ApprovalNote is { } note ? " " + note : "")}: {p.Text}"));
    }

    /// <summary>Who was asked to explain what, what they answered, and whether it was accepted.</summary>
    private static void Explanations(Body body, IReadOnlyList<ReviewExplanation> requests)
    {
        if (requests.Count == 0)
        {
            body.Append(Paragraph("(Không có yêu cầu giải trình.)", italic: true));
            return;
        }
        int Count(params Domain.Explanations.ExplanationState[] states) => requests.Count(r => states.Contains(r.State));
        body.Append(Paragraph($"Tổng số {requests.Count} yêu cầu giải trình: đã chấp nhận {Count(Domain.Explanations.ExplanationState.Accepted)}; " +
                              $"đã giải trình, chờ xem xét {Count(Domain.Explanations.ExplanationState.Answered)}; " +
                              $"chờ giải trình {Count(Domain.Explanations.ExplanationState.Open, Domain.Explanations.ExplanationState.FollowUpAsked)} " +
                              $"(quá hạn {requests.Count(r => r.Overdue)})."));
        foreach (var r in requests)
        {
            var first = r.Questions.FirstOrDefault();
            body.Append(Paragraph($"- Ngày {r.RequestedOn:dd/MM/yyyy}, yêu cầu {string.Join(", ", r.Units)} giải trình về {r.Subject}" +
                                  (first is null ? "." : $": \"{first.Question}\" (hạn {first.DueDate:dd/MM/yyyy}).")));
            for (var i = 0; i < r.Questions.Count; i++)
            {
                var q = r.Questions[i];
                if (i > 0) body.Append(Paragraph($"+ Ngày {q.AskedOn:dd/MM/yyyy}, yêu cầu giải trình thêm: \"{q.Question}\" (hạn {q.DueDate:dd/MM/yyyy})."));
                foreach (var a in q.Answers)
                    body.Append(Paragraph($"+ {a.Unit} giải trình ngày {a.GivenOn:dd/MM/yyyy}: {a.Text}" +
                                          (a.EvidenceReferences.Count > 0 ? $" (tài liệu kèm theo: {string.Join("; ", a.EvidenceReferences)})" : "")));
            }
            var outcome = r.State == Domain.Explanations.ExplanationState.Accepted
                ? "đã chấp nhận giải trình" + (string.IsNullOrWhiteSpace(r.AcceptanceComment) ? "" : $" ({r.AcceptanceComment})")
                : r.StateText + (r.Overdue ? ", quá hạn" : "");
            body.Append(Paragraph($"Kết quả: {outcome}.", italic: true));
        }
    }

    private static Table HeadingBlock(ReviewContent review)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
                new LeftBorder { Val = BorderValues.None }, new RightBorder { Val = BorderValues.None },
                new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None })));
        table.Append(new TableRow(
            Cell([Paragraph(review.IssuingBody.ToUpperInvariant(), bold: true, center: true), Paragraph("*", center: true),
                Paragraph("Số: ….-BC/TU", center: true)], 45),
            Cell([Paragraph("ĐẢNG CỘNG SẢN VIỆT NAM", bold: true, center: true), Paragraph("", center: true),
                Paragraph("……, ngày … tháng … năm …", italic: true, center: true)], 55)));
        return table;
    }

    private static Table TargetsTable(ReviewContent review)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        string[] headers = ["STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu gốc", "Mục tiêu", "Thực hiện", "Tỷ lệ đạt (%)", "Dự báo", "Đánh giá"];
        int[] widths = [6, 28, 8, 9, 11, 13, 7, 8, 10];
        // A fixed grid: word processors (LibreOffice above all) lay the columns out from it, not from the cell widths alone.
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = (TextWidthTwips * w / 100).ToString() })));
        table.GetFirstChild<TableProperties>()!.Append(new TableLayout { Type = TableLayoutValues.Fixed });
        var headerRow = new TableRow(new TableRowProperties(new TableHeader()));
        headerRow.Append(headers.Select((h, i) => Cell([Paragraph(h, bold: true, center: true, size: 20)], widths[i])));
        table.Append(headerRow);
        var n = 0;
        foreach (var t in review.Targets)
        {
            n++;
            var goal = t.GoalText + (t.AdjustedBy.Count > 0 ? $" (điều chỉnh theo {string.Join(", ", t.AdjustedBy)})" : "") + $", năm {t.TargetYear}";
            var latest = t.Latest is { } f
                ? $"{f.ValueText} ({f.StageText}, {f.PeriodText})" + (f.ApprovalNote is { } note ? $" {note}" : "")
                : "Chưa có số liệu";
            var baseline = t.Baseline is { } b ? $"{VietnameseNumber.AsWritten(b.Value)} (năm {b.Year})" : "";
            var achievement = t.Achievement is { } a ? VietnameseNumber.ToText(a, minDecimals: 1, maxDecimals: 1) : "";
            var forecast = t.Forecast is { } fc ? $"{VietnameseNumber.ToText(fc.Value, maxDecimals: 2)} (năm {fc.Year}, {MethodText(fc.Method)})" : "";
            string[] cells = [n.ToString(), Label(t), t.UnitOfMeasure, baseline, goal, latest, achievement, forecast, t.StatusText];
            var row = new TableRow();
            row.Append(cells.Select((c, i) => Cell([Paragraph(c, size: 20, center: i is 0 or 2 or 6, justify: false)], widths[i])));
            table.Append(row);
        }
        return table;
    }

    /// <summary>A4 less the margins of an administrative document (3 cm left, 2 cm right), in twentieths of a point.</summary>
    private const int TextWidthTwips = 11906 - 1701 - 1134;

    internal static string MethodText(string method) => method switch
    {
        ForecastMethods.CompoundAnnualGrowth => "theo tăng trưởng kép",
        ForecastMethods.LinearTrend => "theo xu hướng tuyến tính",
        ForecastMethods.ProRata => "theo tỷ lệ thời gian",
        ForecastMethods.RequiredVsObservedGrowth => "tốc độ cần đạt",
        _ => method,
    };

    private static TableCell Cell(IEnumerable<Paragraph> paragraphs, int percent)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = (TextWidthTwips * percent / 100).ToString(), Type = TableWidthUnitValues.Dxa }));
        cell.Append(paragraphs);
        return cell;
    }

    private static Paragraph Heading(string text, int level = 1) =>
        Paragraph(text, bold: true, italic: level > 1, spaceBefore: level == 1 ? 240 : 120);

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, int size = 26, bool center = false, int spaceBefore = 60,
        bool justify = true)
    {
        // The font, its size (13 pt) and the spacing after come from the document's defaults (AddStyles): a run states only
        // what differs, which keeps a thousand-row table's document small to build and to store.
        var run = new Run();
        if (size != DefaultSize || bold || italic)
        {
            var runProperties = new RunProperties();
            if (bold) runProperties.Append(new Bold());
            if (italic) runProperties.Append(new Italic());
            if (size != DefaultSize) runProperties.Append(new FontSize { Val = size.ToString() });
            run.Append(runProperties);
        }
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        var properties = new ParagraphProperties(new SpacingBetweenLines { Before = spaceBefore.ToString() },
            new Justification { Val = center ? JustificationValues.Center : justify ? JustificationValues.Both : JustificationValues.Left });
        return new Paragraph(properties, run);
    }

    private const int DefaultSize = 26;

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = DefaultSize.ToString() }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }
}
