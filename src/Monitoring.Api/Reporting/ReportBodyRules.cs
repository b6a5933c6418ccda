using FluentValidation;
using Monitoring.Api.Infrastructure;
using Monitoring.Domain.Reporting;

namespace Monitoring.Api.Reporting;

/// <summary>The rules a report's body obeys, whether it is submitted directly or saved as a draft first.</summary>
public sealed class ReportBodyRules<TBody, TFigure, TTaskUpdate> : AbstractValidator<TBody>
    where TBody : IReportBody<TFigure, TTaskUpdate> where TFigure : IFigureInput where TTaskUpdate : ITaskUpdateInput
{
    public ReportBodyRules()
    {
        RuleFor(x => x.Period).NotEmpty().Must(p => ReportingPeriod.TryParse(p, out _))
            .WithMessage(_ => Localized.Text("Use a period such as 2023-H1, 2023, 2021-2023, 2023-Q3 or 2023-07.",
                "Kỳ báo cáo có dạng 2023-H1, 2023, 2021-2023, 2023-Q3 hoặc 2023-07."));
        RuleFor(x => x).Must(x => x.Figures is { Count: > 0 } || x.TaskUpdates is { Count: > 0 } || x.Narrative is not null)
            .OverridePropertyName("figures")
            .WithMessage(_ => Localized.Text("A report carries figures, task updates or a narrative.", "Báo cáo phải có số liệu, tiến độ nhiệm vụ hoặc nội dung đánh giá."));
        RuleFor(x => x.Figures).Must(f => f is null || f.Count <= SubmitReport.MaxFigures)
            .WithMessage(_ => Localized.Text($"At most {SubmitReport.MaxFigures} figures per report.", $"Tối đa {SubmitReport.MaxFigures} số liệu mỗi báo cáo."));
        RuleFor(x => x.Figures).Must(f => f is null || f.Select(x => x.TargetId).Distinct().Count() == f.Count)
            .WithMessage(_ => Localized.Text("Each target appears once per report.", "Mỗi chỉ tiêu chỉ xuất hiện một lần trong báo cáo."));
        RuleForEach(x => x.Figures).ChildRules(f =>
        {
            f.RuleFor(x => x.TargetId).NotEmpty();
            f.RuleFor(x => x.Stage).IsInEnum();
            f.RuleFor(x => x.Value).NotNull().When(x => x.Items is not { Count: > 0 });
            f.RuleFor(x => x.Source).MaximumLength(500);
            f.RuleFor(x => x.Note).MaximumLength(4000);
            f.RuleForEach(x => x.Items).NotEmpty().MaximumLength(300);
        });
        RuleFor(x => x.TaskUpdates).Must(t => t is null || t.Count <= SubmitReport.MaxTaskUpdates);
        RuleFor(x => x.TaskUpdates).Must(t => t is null || t.Select(x => x.TaskId).Distinct().Count() == t.Count)
            .WithMessage(_ => Localized.Text("Each task appears once per report.", "Mỗi nhiệm vụ chỉ xuất hiện một lần trong báo cáo."));
        RuleForEach(x => x.TaskUpdates).ChildRules(t =>
        {
            t.RuleFor(x => x.TaskId).NotEmpty();
            t.RuleFor(x => x.PercentDone).InclusiveBetween(0, 100);
            t.RuleFor(x => x.CompletedOn).NotNull().When(x => x.Completed);
            t.RuleFor(x => x.Note).MaximumLength(4000);
        });
        RuleFor(x => x.Narrative).ChildRules(n =>
        {
            n.RuleFor(x => x!.Results).MaximumLength(SubmitReport.MaxText);
            n.RuleFor(x => x!.Limitations).MaximumLength(SubmitReport.MaxText);
            n.RuleFor(x => x!.ObjectiveCauses).MaximumLength(SubmitReport.MaxText);
            n.RuleFor(x => x!.SubjectiveCauses).MaximumLength(SubmitReport.MaxText);
            n.RuleFor(x => x!.Proposals).MaximumLength(SubmitReport.MaxText);
        }).When(x => x.Narrative is not null);
        RuleForEach(x => x.EvidenceReferences).NotEmpty().MaximumLength(1000);
    }
}
