using System.Text;
using TrajectoryBuild.Rewards.Outcome;
using TrajectoryBuild.Rewards.Process;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Process;

public sealed class RewardJsonTests
{
    [Fact]
    public void Read_GivesBackTheRecord_ThatWritesTheSameBytes()
    {
        var facts = Labels.Unresolved(Edit(0, "calc/ops.py", "a - b", "a + b"), Bash(1, "pytest -q", "1 passed")).WithTurns(Labels.Human(1, 2));
        var bytes = RewardJson.ToUtf8(RewardLabeler.Label(facts, new OutcomeRules(PartialCredit: true), ProcessRules.Default with { Version = 3 }));

        var read = RewardJson.Read(System.Text.Json.Nodes.JsonNode.Parse(bytes)!);

        read.RulesVersion.ShouldBe(3);
        read.Steps.Count.ShouldBe(2);
        read.Steps[0].Signals.ShouldNotBeEmpty();
        RewardJson.ToUtf8(read).ShouldBe(bytes);
    }

    [Fact]
    public void ToUtf8_FixedOrderRoundedScores_ByteStable()
    {
        var facts = Labels.Unresolved(Edit(0, "calc/ops.py", "a - b", "a + b"), Bash(1, "pytest -q", "1 passed")).WithTurns(Labels.Human(1, 2));
        var monteCarlo = new Dictionary<int, StepSignal> { [0] = new("monte_carlo", MonteCarlo.SignalName, 1, 2 / 3.0, "step 0: 2 of 3 rollouts sharing the first 1 actions resolve") };

        var record = RewardLabeler.Label(facts, new OutcomeRules(PartialCredit: true), ProcessRules.Default with { Version = 3 }, monteCarlo);
        var bytes = RewardJson.ToUtf8(record);

        RewardJson.ToUtf8(RewardLabeler.Label(facts, new OutcomeRules(PartialCredit: true), ProcessRules.Default with { Version = 3 }, monteCarlo)).ShouldBe(bytes);
        Encoding.UTF8.GetString(bytes).ShouldBe("""
            {
              "trajectory_id": "t",
              "rules_version": 3,
              "outcome": {
                "reward": 0,
                "resolved": false,
                "fail_to_pass": 0,
                "pass_to_pass": 1,
                "evidence": "unresolved, partial credit for the FAIL_TO_PASS share: FAIL_TO_PASS 0/2 pass, PASS_TO_PASS 1/1 pass"
              },
              "steps": [
                {
                  "step": 0,
                  "label": 1,
                  "score": 1,
                  "source": "heuristics",
                  "signals": [
                    {
                      "source": "heuristics",
                      "name": "gold_file_edit",
                      "label": 1,
                      "score": 1,
                      "evidence": "step 0: edits calc/ops.py, which the gold patch touches"
                    },
                    {
                      "source": "monte_carlo",
                      "name": "shared_prefix",
                      "label": 1,
                      "score": 0.666667,
                      "evidence": "step 0: 2 of 3 rollouts sharing the first 1 actions resolve"
                    }
                  ]
                },
                {
                  "step": 1,
                  "label": 0,
                  "score": 0.5,
                  "source": "human",
                  "signals": [
                    {
                      "source": "human",
                      "name": "turn_quality",
                      "label": 0,
                      "score": 0.5,
                      "evidence": "step 1: human scores (2, 2, 2, 2, 2) give quality 0.5"
                    },
                    {
                      "source": "heuristics",
                      "name": "tests_after_edit",
                      "label": 1,
                      "score": 1,
                      "evidence": "step 1: runs the tests after the edit at step 0"
                    }
                  ]
                }
              ]
            }

            """);
    }
}
