using Monitoring.Domain.Common;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>
/// Given a unit's submission for a resolution and period (its stream, folded by <see cref="Submission.Evolve"/>) → when the
/// unit or the secretariat takes a step of the reporting cycle → then the step's event, or a rejection and nothing.
/// </summary>
public class SubmissionCycleTests
{
    private static readonly ReportingPeriod H1 = ReportingPeriod.Parse("2023-H1");
    private static readonly Guid Id = Submission.IdFor(TaxDepartment, ResolutionId, H1);
    private static readonly Guid ReportId = Guid.Parse("4e000000-0000-0000-0000-000000000001");
    private static readonly FigureRef Budget = new(BudgetRevenue.Id, Guid.Parse("f1000000-0000-0000-0000-000000000001"));
    private static readonly FigureRef Revision = new(BudgetRevenue.Id, Guid.Parse("f2000000-0000-0000-0000-000000000001"));
    private static readonly DateTimeOffset SubmittedAt = On.At("2023-07-10");
    private static readonly DateTimeOffset ApprovedAt = On.At("2023-07-20");

    private static readonly DraftContent Content = new([new DraftFigure(BudgetRevenue.Id, 15.4m, FigureStage.Estimate)], [], new Narrative("Thu ngân sách đạt khá"), []);

    private static Submission? Stream(params object[] events) => events.Aggregate((Submission?)null, Submission.Evolve);

    private static SubmissionDraftSaved Drafted(string at = "2023-07-05") => new(Id, TaxDepartment, ResolutionId, H1, Content, "cuc-thue", On.At(at));

    private static SubmissionSubmitted Submitted() =>
        new(Id, TaxDepartment, ResolutionId, H1, ReportId, [Budget], [], "cuc-thue", SubmittedAt);

    private static SubmissionApproved Approved() => new(Id, TaxDepartment, ResolutionId, H1, [Budget], null, "van.phong", ApprovedAt);

    private static LockExceptionGranted Exception(string expires = "2023-08-01") =>
        new(Id, TaxDepartment, ResolutionId, H1, "Cục Thống kê công bố số chính thức", On.At(expires), "van.phong", On.At("2023-07-25"));

    private static void ShouldBeRefused(Decision decision, RejectionKind kind, string field)
    {
        decision.Events.ShouldBeEmpty();
        decision.Rejection.ShouldNotBeNull().Kind.ShouldBe(kind);
        decision.Rejection!.Field.ShouldBe(field);
    }

    [Fact]
    public void A_first_draft_starts_the_submission_under_its_name_based_id()
    {
        var decision = SubmissionCycle.SaveDraft(null, TaxDepartment, ResolutionId, H1, Content, "cuc-thue", On.At("2023-07-05"));

        var saved = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<SubmissionDraftSaved>();
        saved.SubmissionId.ShouldBe(Id);
        saved.Content.ShouldBeSameAs(Content);
        Stream(saved)!.State.ShouldBe(SubmissionState.Draft);
        Submission.IdFor(TaxDepartment, ResolutionId, ReportingPeriod.Parse("2023")).ShouldNotBe(Id);
    }

    [Fact]
    public void A_draft_cannot_be_saved_while_the_report_waits_for_approval_or_once_it_is_approved()
    {
        ShouldBeRefused(SubmissionCycle.SaveDraft(Stream(Submitted()), TaxDepartment, ResolutionId, H1, Content, "cuc-thue", ApprovedAt),
            RejectionKind.Conflict, "period");
        ShouldBeRefused(SubmissionCycle.SaveDraft(Stream(Submitted(), Approved()), TaxDepartment, ResolutionId, H1, Content, "cuc-thue", ApprovedAt),
            RejectionKind.Conflict, "period");
        // Even under a lock exception: a draft would leave the approved state, and with it the lock, behind for good.
        ShouldBeRefused(SubmissionCycle.SaveDraft(Stream(Submitted(), Approved(), Exception()), TaxDepartment, ResolutionId, H1, Content, "cuc-thue",
            On.At("2023-07-26")), RejectionKind.Conflict, "period");
    }

    [Fact]
    public void Submitting_the_draft_names_the_report_and_its_figures_and_clears_the_draft()
    {
        var decision = SubmissionCycle.SubmitDraft(Stream(Drafted()), ReportId, [Budget], [], "cuc-thue", SubmittedAt);

        var submitted = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<SubmissionSubmitted>();
        submitted.ReportId.ShouldBe(ReportId);
        submitted.Figures.ShouldBe([Budget]);
        var state = Stream(Drafted(), submitted)!;
        state.State.ShouldBe(SubmissionState.Submitted);
        state.Draft.ShouldBeNull();
        state.Pending.ShouldBe([Budget]);
        state.FirstSubmittedAt.ShouldBe(SubmittedAt);
    }

    [Fact]
    public void Only_a_draft_can_be_submitted_as_a_draft()
    {
        ShouldBeRefused(SubmissionCycle.SubmitDraft(null, ReportId, [], [], "cuc-thue", SubmittedAt), RejectionKind.NotFound, "id");
        ShouldBeRefused(SubmissionCycle.SubmitDraft(Stream(Submitted()), ReportId, [], [], "cuc-thue", SubmittedAt), RejectionKind.Conflict, "state");
    }

    [Fact]
    public void Approval_takes_the_pending_figures_and_locks_the_period()
    {
        var decision = SubmissionCycle.Approve(Stream(Submitted()), "Thống nhất", "van.phong", ApprovedAt);

        var approved = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<SubmissionApproved>();
        approved.Figures.ShouldBe([Budget]);
        approved.Comment.ShouldBe("Thống nhất");
        var state = Stream(Submitted(), approved)!;
        state.State.ShouldBe(SubmissionState.Approved);
        state.Pending.ShouldBeEmpty();
        state.IsLockedAt(ApprovedAt.AddDays(365)).ShouldBeTrue();
    }

    [Fact]
    public void Only_a_submitted_report_is_approved_or_returned()
    {
        ShouldBeRefused(SubmissionCycle.Approve(null, null, "van.phong", ApprovedAt), RejectionKind.NotFound, "period");
        ShouldBeRefused(SubmissionCycle.Approve(Stream(Drafted()), null, "van.phong", ApprovedAt), RejectionKind.Conflict, "state");
        ShouldBeRefused(SubmissionCycle.Approve(Stream(Submitted(), Approved()), null, "van.phong", ApprovedAt), RejectionKind.Conflict, "state");
        ShouldBeRefused(SubmissionCycle.Return(Stream(Drafted()), "Thiếu nguồn", [], "van.phong", ApprovedAt), RejectionKind.Conflict, "state");
    }

    [Fact]
    public void Returning_needs_a_reason_and_comments_only_on_what_the_report_holds()
    {
        var submitted = Stream(Submitted());
        ShouldBeRefused(SubmissionCycle.Return(submitted, " ", [], "van.phong", ApprovedAt), RejectionKind.Invalid, "reason");
        ShouldBeRefused(SubmissionCycle.Return(submitted, "Thiếu nguồn", [new ReturnComment(null, null, Revision.FigureId, "?")], "van.phong", ApprovedAt),
            RejectionKind.Invalid, "comments[0]");

        var comment = new ReturnComment(BudgetRevenue.Id, null, Budget.FigureId, "Đề nghị ghi rõ nguồn số liệu");
        var decision = SubmissionCycle.Return(submitted, "Số liệu chưa có xác nhận của Cục Thống kê", [comment], "van.phong", ApprovedAt);

        var returned = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<SubmissionReturned>();
        returned.Figures.ShouldBe([Budget]);
        var state = Stream(Submitted(), returned)!;
        state.State.ShouldBe(SubmissionState.Returned);
        state.Steps[^1].Reason.ShouldBe("Số liệu chưa có xác nhận của Cục Thống kê");
        state.Steps[^1].Comments.ShouldBe([comment]);
        state.IsLockedAt(ApprovedAt).ShouldBeFalse();
        // Returned, the unit drafts and submits again.
        SubmissionCycle.SaveDraft(state, TaxDepartment, ResolutionId, H1, Content, "cuc-thue", ApprovedAt).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void A_locked_period_refuses_a_direct_submission_and_a_revision()
    {
        var approved = Stream(Submitted(), Approved());

        ShouldBeRefused(SubmissionCycle.Submit(approved, TaxDepartment, ResolutionId, H1, ReportId, [Revision], [], "cuc-thue", On.At("2023-12-01")),
            RejectionKind.Conflict, "period");
        var refused = SubmissionCycle.Revise(approved, Revision, "Số chính thức", "cuc-thue", On.At("2023-12-01"));
        ShouldBeRefused(refused, RejectionKind.Conflict, "figureId");
        refused.Rejection!.Vietnamese.ShouldContain("đã được phê duyệt và bị khoá");
    }

    [Fact]
    public void Before_approval_a_revision_changes_nothing_in_the_submission()
    {
        SubmissionCycle.Revise(null, Revision, "Số sơ bộ", "cuc-thue", SubmittedAt).ShouldProduce();
        SubmissionCycle.Revise(Stream(Submitted()), Revision, "Số sơ bộ", "cuc-thue", SubmittedAt).ShouldProduce();
    }

    [Fact]
    public void An_exception_lets_a_revision_through_and_sends_the_report_back_for_approval_until_it_expires()
    {
        ShouldBeRefused(SubmissionCycle.GrantLockException(Stream(Submitted()), "Số chính thức", On.At("2023-08-01"), "van.phong", ApprovedAt),
            RejectionKind.Conflict, "period");
        ShouldBeRefused(SubmissionCycle.GrantLockException(Stream(Submitted(), Approved()), "", On.At("2023-08-01"), "van.phong", ApprovedAt),
            RejectionKind.Invalid, "reason");
        ShouldBeRefused(SubmissionCycle.GrantLockException(Stream(Submitted(), Approved()), "Số chính thức", On.At("2023-07-01"), "van.phong", ApprovedAt),
            RejectionKind.Invalid, "expiresAt");
        var granted = SubmissionCycle.GrantLockException(Stream(Submitted(), Approved()), "Cục Thống kê công bố số chính thức", On.At("2023-08-01"),
            "van.phong", On.At("2023-07-25")).Events.ShouldHaveSingleItem().ShouldBeOfType<LockExceptionGranted>();
        granted.ShouldBe(Exception());

        var open = Stream(Submitted(), Approved(), granted)!;
        open.IsLockedAt(On.At("2023-07-31")).ShouldBeFalse();
        var reopened = SubmissionCycle.Revise(open, Revision, "Số chính thức", "cuc-thue", On.At("2023-07-31"));
        reopened.ShouldProduce(new SubmissionReopened(Id, TaxDepartment, ResolutionId, H1, Revision, "Số chính thức", "cuc-thue", On.At("2023-07-31")));
        var waiting = Stream(Submitted(), Approved(), granted, reopened.Events[0])!;
        waiting.State.ShouldBe(SubmissionState.Submitted);
        waiting.Pending.ShouldBe([Revision]);

        // Approved again: the window the secretariat opened stays open until it expires, then the period is locked.
        var again = Stream(Submitted(), Approved(), granted, reopened.Events[0], Approved())!;
        again.State.ShouldBe(SubmissionState.Approved);
        again.Exception.ShouldBe(new LockException(granted.Reason, granted.ExpiresAt, granted.GrantedBy, granted.GrantedAt));
        again.IsLockedAt(On.At("2023-07-31")).ShouldBeFalse();
        again.IsLockedAt(On.At("2023-08-01")).ShouldBeTrue();

        // An exception past its expiry locks again, and the message says when it expired (Vietnam time).
        var expired = SubmissionCycle.Revise(open, Revision, "Số chính thức", "cuc-thue", On.At("2023-08-02"));
        ShouldBeRefused(expired, RejectionKind.Conflict, "figureId");
        expired.Rejection!.English.ShouldContain("expired");
        expired.Rejection.Vietnamese.ShouldContain("thời hạn mở khoá đã hết lúc");
    }

    [Fact]
    public void A_figure_returned_with_its_report_is_corrected_by_a_new_submission_not_revised()
    {
        var figureId = Budget.FigureId;
        var stream = Given.Stream(BudgetRevenue.Defined(), BudgetRevenue.Assigned(),
            BudgetRevenue.Reported(figureId, "2023-H1", 15.4m, FigureStage.Estimate, "2023-06-30", "2023-07-10"),
            new FiguresReturned(BudgetRevenue.Id, Id, TaxDepartment, H1, [figureId], "Thiếu nguồn", "van.phong", ApprovedAt));

        var decision = stream.Target.ReviseFigure(stream.Figure(figureId), figureId, Revision.FigureId, TaxDepartment, 15.1m, FigureStage.Preliminary,
            On.Day("2023-07-20"), "Số sơ bộ", null, [], null, "cuc-thue", On.At("2023-07-21"));

        ShouldBeRefused(decision, RejectionKind.Conflict, "figureId");
        stream.Target.EffectiveFigures(includeSubmitted: true).ShouldBeEmpty();
    }
}
