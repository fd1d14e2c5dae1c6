using TrajectoryBuild.Rollouts.Evaluation;

namespace TrajectoryBuild.Rollouts.Tests.Stages;

public sealed class TestErrorsTests
{
    [Fact]
    public void Of_PytestCollectionError_KeepsTheErrorLinesOnceAndNoTimings()
    {
        const string log = """
            ============================= test session starts ==============================
            collected 0 items / 1 error

            ==================================== ERRORS ====================================
            ___________________ ERROR collecting tests/test_calc.py ___________________
            tests/test_calc.py:1: in <module>
                from calc.ops import divide
            E     File "/testbed/calc/ops.py", line 3
            E       return a / / b
            E              ^
            E   SyntaxError: invalid syntax
            =========================== short test summary info ============================
            ERROR tests/test_calc.py
            !!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!
            =============================== 1 error in 0.12s ===============================
            E   SyntaxError: invalid syntax
            """;

        TestErrors.Of(log).ShouldBe(
        [
            "___________________ ERROR collecting tests/test_calc.py ___________________",
            "E   SyntaxError: invalid syntax",
            "!!!!!!!!!!!!!!!!!!!! Interrupted: 1 error during collection !!!!!!!!!!!!!!!!!!!!",
        ]);
    }

    [Fact]
    public void Of_PassingRun_IsEmpty() =>
        TestErrors.Of("tests/test_calc.py::test_add PASSED\n==== 2 passed in 0.01s ====\n").ShouldBeEmpty();
}
