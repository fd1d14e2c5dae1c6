using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class AgreementReportTests
{
    [Fact]
    public void Measure_PerHeuristic_ShareOfStepsBothLabeledWhereLabelsAgree()
    {
        // gold_file_edit fires on 0 (+1), 2 (-1), 3 (+1); humans scored 0 (+1), 2 (0), 3 (+1): 2 of 3 agree.
        // tests_after_edit fires on 1 (+1); no human score there. retried_error never fires.
        var annotated = Labels.Unresolved(
            Edit(0, "calc/ops.py", "a", "b"),
            Bash(1, "pytest", "ok"),
            Edit(2, "calc/util.py", "a", "b"),
            Edit(3, "calc/ops.py", "b", "c")).WithTurns(Labels.Human(0, 3), Labels.Human(2, 2, "adjudicated"), Labels.Human(3, 3), Labels.Human(1, 1, "gate"));
        var unannotated = Labels.Unresolved(Edit(0, "calc/util.py", "a", "b"));

        var report = AgreementReport.Measure([annotated, unannotated], ["gold_file_edit", "tests_after_edit", "retried_error"]);

        report.Trajectories.ShouldBe(1);
        report.Heuristics.ShouldBe(
        [
            new HeuristicAgreement("gold_file_edit", 3, 3, 2),
            new HeuristicAgreement("tests_after_edit", 1, 0, 0),
            new HeuristicAgreement("retried_error", 0, 0, 0),
        ]);
        report.Heuristics.Select(h => h.Share).ShouldBe([0.666667, null, null]);
        report.ToText().ShouldBe("""
            Heuristic agreement with human labels (1 annotated trajectories)
            heuristic           fired  compared  agreed   share
            gold_file_edit          3         3       2   0.667
            tests_after_edit        1         0       0       -
            retried_error           0         0       0       -

            """);
    }

    [Fact]
    public void Measure_UnknownHeuristic_Throws()
    {
        Should.Throw<ArgumentException>(() => AgreementReport.Measure([], ["vibes"])).Message.ShouldContain("unknown heuristic 'vibes'");
    }
}
