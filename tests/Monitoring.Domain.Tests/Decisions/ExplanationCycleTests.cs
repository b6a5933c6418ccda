using Monitoring.Domain.Common;
using Monitoring.Domain.Explanations;
using Monitoring.Domain.Reporting;
using Monitoring.Domain.Targets;
using static Monitoring.Domain.Tests.Decisions.Seeds;

namespace Monitoring.Domain.Tests.Decisions;

/// <summary>
/// Given a target (its stream, folded by <see cref="Target.Evolve"/>, explanation requests included) → when the committee
/// asks, a unit answers, the committee accepts or asks again → then the step's event, or a rejection and nothing.
/// The target is 000's "Thu ngân sách trên địa bàn tăng 10 - 12%/năm": Sở Tài chính leads, Cục Thuế co-operates.
/// </summary>
public class ExplanationCycleTests
{
    private static readonly Guid RequestId = Guid.Parse("e0000000-0000-0000-0000-000000000001");
    private static readonly DateOnly Today = On.Day("2023-07-20");
    private static readonly DateOnly Due = On.Day("2023-07-31");
    private const string Question = "Đề nghị giải trình nguyên nhân thu ngân sách 6 tháng đầu năm 2023 đạt thấp so với kế hoạch";

    private static Target Stream(params object[] events) => Given.Target([BudgetRevenue.Defined(), BudgetRevenue.Assigned(), .. events]);

    private static ExplanationRequest? Request(params object[] events) => Stream(events).Explanations.Find(RequestId);

    private static Decision Open(IReadOnlyList<Guid>? asked = null, string question = Question, string due = "2023-07-31", bool secretariat = false)
    {
        var target = Stream();
        return ExplanationCycle.Open(RequestId, ExplanationSubjectKind.Target, target.Id, target.ResolutionId, [.. target.AssignedUnitIds], asked,
            question, On.Day(due), Today, secretariat ? "van-phong-tinh-uy" : "ban-thuong-vu", secretariat, On.At("2023-07-20"));
    }

    private static ExplanationRequested Opened(params Guid[] units) =>
        new(RequestId, ExplanationSubjectKind.Target, BudgetRevenue.Id, ResolutionId, units.Length == 0 ? [FinanceDepartment, TaxDepartment] : units,
            Question, Due, "ban-thuong-vu", false, On.At("2023-07-20"));

    private static ExplanationGiven Answer(Guid unit, string at = "2023-07-28") =>
        new(RequestId, unit, "Do doanh nghiệp gặp khó khăn, nhiều khoản thu đến hạn vào quý III", ["Báo cáo số 45/BC-STC"], "so-tai-chinh", On.At(at));

    private static FollowUpAsked FollowUp(string due = "2023-08-15") =>
        new(RequestId, "Đề nghị nêu rõ giải pháp tăng thu 6 tháng cuối năm", On.Day(due), "ban-thuong-vu", On.At("2023-08-01"));

    [Fact]
    public void The_committee_asks_every_assigned_unit_by_default_and_the_target_keeps_the_request_open()
    {
        var requested = Open().Events.ShouldHaveSingleItem().ShouldBeOfType<ExplanationRequested>();

        requested.UnitIds.ShouldBe([FinanceDepartment, TaxDepartment]);
        requested.SubjectKind.ShouldBe(ExplanationSubjectKind.Target);
        requested.ResolutionId.ShouldBe(ResolutionId);
        requested.DueDate.ShouldBe(Due);
        requested.OnBehalfOfCommittee.ShouldBeFalse();
        var request = Request(requested).ShouldNotBeNull();
        request.State.ShouldBe(ExplanationState.Open);
        request.AwaitingUnitIds.ShouldBe([FinanceDepartment, TaxDepartment]);
        Open(secretariat: true).Events.OfType<ExplanationRequested>().Single().OnBehalfOfCommittee.ShouldBeTrue();
    }

    [Fact]
    public void Only_assigned_units_are_asked_a_question_is_needed_and_the_due_date_is_not_in_the_past()
    {
        Open(asked: [TaxDepartment]).Events.OfType<ExplanationRequested>().Single().UnitIds.ShouldBe([TaxDepartment]);
        Open(asked: [TaxDepartment, IndustryAndTrade]).ShouldBeRejected(RejectionKind.Invalid, "unitIds[1]");
        Open(question: "  ").ShouldBeRejected(RejectionKind.Invalid, "question");
        Open(due: "2023-07-19").ShouldBeRejected(RejectionKind.Invalid, "dueDate");
        Open(due: "2023-07-20").IsAccepted.ShouldBeTrue();

        var unassigned = ExplanationCycle.Open(RequestId, ExplanationSubjectKind.Task, Guid.NewGuid(), ResolutionId, [], null, Question, Due, Today,
            "ban-thuong-vu", false, On.At("2023-07-20"));
        unassigned.ShouldBeRejected(RejectionKind.Conflict, "unitIds");
    }

    [Fact]
    public void Only_an_asked_unit_answers_and_the_request_is_answered_when_every_asked_unit_has()
    {
        ExplanationCycle.Answer(Request(Opened()), IndustryAndTrade, "Không thuộc lĩnh vực", [], "so-cong-thuong", On.At("2023-07-25"))
            .ShouldBeRejected(RejectionKind.Invalid, "unitId");
        ExplanationCycle.Answer(Request(Opened()), FinanceDepartment, " ", [], "so-tai-chinh", On.At("2023-07-25"))
            .ShouldBeRejected(RejectionKind.Invalid, "text");
        ExplanationCycle.Answer(null, FinanceDepartment, "Giải trình", [], "so-tai-chinh", On.At("2023-07-25"))
            .ShouldBeRejected(RejectionKind.NotFound, "id");

        var given = ExplanationCycle.Answer(Request(Opened()), FinanceDepartment, "Do doanh nghiệp gặp khó khăn", ["Báo cáo số 45/BC-STC"],
            "so-tai-chinh", On.At("2023-07-25")).Events.ShouldHaveSingleItem().ShouldBeOfType<ExplanationGiven>();
        given.UnitId.ShouldBe(FinanceDepartment);
        given.EvidenceReferences.ShouldBe(["Báo cáo số 45/BC-STC"]);

        var partly = Request(Opened(), given).ShouldNotBeNull();
        partly.State.ShouldBe(ExplanationState.Open);
        partly.AwaitingUnitIds.ShouldBe([TaxDepartment]);
        var both = Request(Opened(), given, Answer(TaxDepartment)).ShouldNotBeNull();
        both.State.ShouldBe(ExplanationState.Answered);
        both.AwaitingUnitIds.ShouldBeEmpty();
    }

    [Fact]
    public void Accepting_or_asking_again_needs_an_answer_to_the_current_question()
    {
        ExplanationCycle.Accept(Request(Opened()), "Thống nhất", "ban-thuong-vu", On.At("2023-07-29")).ShouldBeRejected(RejectionKind.Conflict, "state");
        ExplanationCycle.AskFollowUp(Request(Opened()), "Nêu rõ giải pháp", Due, Today, "ban-thuong-vu", On.At("2023-07-29"))
            .ShouldBeRejected(RejectionKind.Conflict, "state");

        var answered = Request(Opened(FinanceDepartment), Answer(FinanceDepartment));
        var accepted = ExplanationCycle.Accept(answered, "  ", "ban-thuong-vu", On.At("2023-07-29")).Events.ShouldHaveSingleItem()
            .ShouldBeOfType<ExplanationAccepted>();
        accepted.Comment.ShouldBeNull();
        // A follow-up asks the same units a new question: the earlier answers do not answer it.
        var afterFollowUp = Request(Opened(FinanceDepartment), Answer(FinanceDepartment), FollowUp());
        ExplanationCycle.Accept(afterFollowUp, null, "ban-thuong-vu", On.At("2023-08-02")).ShouldBeRejected(RejectionKind.Conflict, "state");
    }

    [Fact]
    public void A_follow_up_reopens_the_request_with_its_new_question_and_due_date_and_needs_a_date_not_in_the_past()
    {
        var answered = Request(Opened(FinanceDepartment), Answer(FinanceDepartment));
        ExplanationCycle.AskFollowUp(answered, "Nêu rõ giải pháp", On.Day("2023-07-31"), On.Day("2023-08-01"), "ban-thuong-vu", On.At("2023-08-01"))
            .ShouldBeRejected(RejectionKind.Invalid, "dueDate");
        ExplanationCycle.AskFollowUp(answered, "", On.Day("2023-08-15"), On.Day("2023-08-01"), "ban-thuong-vu", On.At("2023-08-01"))
            .ShouldBeRejected(RejectionKind.Invalid, "question");

        var asked = ExplanationCycle.AskFollowUp(answered, "Đề nghị nêu rõ giải pháp tăng thu 6 tháng cuối năm", On.Day("2023-08-15"), On.Day("2023-08-01"),
            "ban-thuong-vu", On.At("2023-08-01")).Events.ShouldHaveSingleItem().ShouldBeOfType<FollowUpAsked>();
        var reopened = Request(Opened(FinanceDepartment), Answer(FinanceDepartment), asked).ShouldNotBeNull();
        reopened.State.ShouldBe(ExplanationState.FollowUpAsked);
        reopened.DueDate.ShouldBe(On.Day("2023-08-15"));
        reopened.Round.ShouldBe(2);
        reopened.AwaitingUnitIds.ShouldBe([FinanceDepartment]);

        var answeredAgain = Request(Opened(FinanceDepartment), Answer(FinanceDepartment), asked, Answer(FinanceDepartment, "2023-08-10")).ShouldNotBeNull();
        answeredAgain.State.ShouldBe(ExplanationState.Answered);
        ExplanationCycle.Accept(answeredAgain, "Thống nhất", "ban-thuong-vu", On.At("2023-08-11")).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void An_accepted_request_is_closed_to_every_step()
    {
        var closed = Request(Opened(FinanceDepartment), Answer(FinanceDepartment),
            new ExplanationAccepted(RequestId, "Thống nhất", "ban-thuong-vu", On.At("2023-07-29"))).ShouldNotBeNull();
        closed.State.ShouldBe(ExplanationState.Accepted);
        closed.AwaitingUnitIds.ShouldBeEmpty();
        ExplanationCycle.Answer(closed, FinanceDepartment, "Bổ sung", [], "so-tai-chinh", On.At("2023-07-30")).ShouldBeRejected(RejectionKind.Conflict, "state");
        ExplanationCycle.Accept(closed, null, "ban-thuong-vu", On.At("2023-07-30")).ShouldBeRejected(RejectionKind.Conflict, "state");
        ExplanationCycle.AskFollowUp(closed, "Hỏi thêm", On.Day("2023-08-15"), Today, "ban-thuong-vu", On.At("2023-07-30"))
            .ShouldBeRejected(RejectionKind.Conflict, "state");
    }

    [Fact]
    public void Overdue_is_an_unanswered_question_after_its_due_day_in_Vietnam()
    {
        var open = Request(Opened()).ShouldNotBeNull();
        open.IsOverdueOn(Due).ShouldBeFalse();
        open.IsOverdueOn(Due.AddDays(1)).ShouldBeTrue();
        // One of two units answered: still waiting for the other, so still overdue.
        Request(Opened(), Answer(FinanceDepartment)).ShouldNotBeNull().IsOverdueOn(Due.AddDays(1)).ShouldBeTrue();
        Request(Opened(), Answer(FinanceDepartment), Answer(TaxDepartment)).ShouldNotBeNull().IsOverdueOn(Due.AddDays(30)).ShouldBeFalse();
        // After a follow-up, the new due date counts.
        var followedUp = Request(Opened(), Answer(FinanceDepartment), Answer(TaxDepartment), FollowUp("2023-08-15")).ShouldNotBeNull();
        followedUp.IsOverdueOn(On.Day("2023-08-15")).ShouldBeFalse();
        followedUp.IsOverdueOn(On.Day("2023-08-16")).ShouldBeTrue();
    }

    [Fact]
    public void Requests_on_a_task_or_a_submission_evolve_the_same_way_beside_their_own_state()
    {
        var task = Given.Task(MocRaBorderGate.Defined(),
            new ExplanationRequested(RequestId, ExplanationSubjectKind.Task, MocRaBorderGate.Id, ResolutionId, [IndustryAndTrade], Question, Due,
                "van-phong-tinh-uy", true, On.At("2023-07-20")));
        task.Explanations.Find(RequestId).ShouldNotBeNull().UnitIds.ShouldBe([IndustryAndTrade]);

        var period = ReportingPeriod.Parse("2023-H1");
        var id = Submission.IdFor(TaxDepartment, ResolutionId, period);
        var submission = new object[]
        {
            new SubmissionSubmitted(id, TaxDepartment, ResolutionId, period, Guid.NewGuid(), [], [], "cuc-thue", On.At("2023-07-10")),
            new ExplanationRequested(RequestId, ExplanationSubjectKind.Submission, id, ResolutionId, [TaxDepartment], Question, Due, "ban-thuong-vu", false,
                On.At("2023-07-20")),
            Answer(TaxDepartment),
        }.Aggregate((Submission?)null, Submission.Evolve).ShouldNotBeNull();
        submission.State.ShouldBe(SubmissionState.Submitted);
        submission.Explanations.Find(RequestId).ShouldNotBeNull().State.ShouldBe(ExplanationState.Answered);
    }
}
