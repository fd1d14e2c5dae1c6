using TrajectoryBuild.Reproduction.Grading;
using TrajectoryBuild.Reproduction.Parsing;
using static TrajectoryBuild.Reproduction.Parsing.TestStatus;
using static TrajectoryBuild.Reproduction.Tests.Grading.ValidateTests;

namespace TrajectoryBuild.Reproduction.Tests.Grading;

public sealed class ReportJsonTests
{
    [Fact]
    public void ToJson_AcceptedReport_IsCanonical()
    {
        var report = Grader.Validate(
            Map(("t_z", Failed), ("t_p", Passed), ("t_a", Failed)),
            Map(("t_a", Passed), ("t_p", Passed), ("t_z", Passed)),
            declaredFailToPass: ["t_z"]);

        report.ToJson().ShouldBe(
            """{"FAIL_TO_PASS":["t_a","t_z"],"PASS_TO_PASS":["t_p"],"accepted":true,"flaky":[],"rejection":null,"sandbox_refusals":[],"warnings":["observed FAIL_TO_PASS not declared: t_a"]}""");
    }

    [Fact]
    public void ToJson_RejectedReport_CarriesReasonKindAndDetail()
    {
        var report = Grader.Validate(Map(("t", Failed)), Map());

        report.ToJson().ShouldBe(
            """{"FAIL_TO_PASS":[],"PASS_TO_PASS":[],"accepted":false,"flaky":[],"rejection":{"detail":"after run: no tests were parsed from the log","kind":"infrastructure","reason":"suite-did-not-run"},"sandbox_refusals":[],"warnings":[]}""");
    }

    [Fact]
    public void ToJson_SameRunsInAnyOrder_GiveTheSameBytes()
    {
        (string Test, TestStatus Status)[] before = [("t1", Failed), ("t2", Passed), ("t3", Error), ("t4", Passed), ("t5", Skipped)];
        (string Test, TestStatus Status)[] after = [("t1", Passed), ("t2", Passed), ("t3", Passed), ("t4", Passed), ("t5", Passed)];

        var forward = Grader.Validate(Map(before), Map(after), ["t3", "t1"], ["t4", "t2"]).ToJson();
        var backward = Grader.Validate(Map([.. before.Reverse()]), Map([.. after.Reverse()]), ["t1", "t3"], ["t2", "t4"]).ToJson();

        backward.ShouldBe(forward);
    }

    [Fact]
    public void EvaluationToJson_HasReportFieldsAndFractions()
    {
        var report = Grader.Evaluate(Map(("f1", Passed), ("f2", Failed), ("p1", Passed)), ["f1", "f2"], ["p1"]);

        report.Resolution.ShouldBe(Resolution.Partial);
        report.ToJson().ShouldBe(
            """{"fail_to_pass_fraction":0.5,"found":true,"pass_to_pass_fraction":1,"resolution":"RESOLVED_PARTIAL","resolved":false,"tests_status":{"FAIL_TO_FAIL":{"failure":[],"success":[]},"FAIL_TO_PASS":{"failure":["f2"],"success":["f1"]},"PASS_TO_FAIL":{"failure":[],"success":[]},"PASS_TO_PASS":{"failure":[],"success":["p1"]}}}""");
    }
}
