using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Monitoring.Api.Reviews;
using Monitoring.Domain.Judging;
using Monitoring.Domain.Resolutions;
using Monitoring.Domain.Reviews;
using Monitoring.Domain.Targets;
using Monitoring.Domain.Tasks;

namespace Monitoring.Api.Tests.Reviews;

public class ReviewDocxTests
{
    [Fact]
    public void The_targets_table_shows_the_forecast_with_its_method_and_the_decision_behind_an_adjusted_target()
    {
        var target = new ReviewTarget(Guid.NewGuid(), "CN-02", "Kinh tế", "Giá trị sản xuất công nghiệp năm 2025 đạt trên 213.000 tỷ đồng", "tỷ đồng",
            new Baseline(118000m, 2020), new TargetGoal(200000m), "≥ 200.000", 2025, ["125-QĐ/TU ngày 01/07/2023"],
            new ReviewFigure(152300m, "152.300", FigureStage.Official, "chính thức", "2022", "năm 2022", new FigureSource(Guid.NewGuid(), Guid.NewGuid(), 42)),
            76.2m, new Forecast(190512.4m, 2025, ForecastMethods.CompoundAnnualGrowth, "…"), TargetStatus.AtRisk, "khó đạt", "…");
        var review = new ReviewContent(Guid.NewGuid(), "05-NQ/TU", "về phát triển công nghiệp", "Tỉnh ủy Hà Nam", ResolutionKind.Resolution,
            ReviewKind.Final, new DateOnly(2025, 12, 31), [target], new ReviewTasks(0, 0, 0, 0, 0, []),
            new ReviewNarratives([], [], [], [], []), []);

        var docx = ReviewDocx.Build(review, Guid.NewGuid(), 42, new string('a', 64));

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = document.MainDocumentPart!.Document.Body!;
        var row = body.Elements<Table>().Last().Elements<TableRow>().Last().Elements<TableCell>().Select(c => c.InnerText).ToArray();
        row[4].ShouldBe("≥ 200.000 (điều chỉnh theo 125-QĐ/TU ngày 01/07/2023), năm 2025");
        row[5].ShouldBe("152.300 (chính thức, năm 2022)");
        row[6].ShouldBe("76,2");
        row[7].ShouldBe("190.512,4 (năm 2025, theo tăng trưởng kép)");
        row[8].ShouldBe("khó đạt");
        body.InnerText.ShouldContain("Tổng kết thực hiện Nghị quyết số 05-NQ/TU về phát triển công nghiệp");
    }
}
