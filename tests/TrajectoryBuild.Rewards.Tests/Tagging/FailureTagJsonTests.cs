using System.Text;
using TrajectoryBuild.Rewards.Tagging;
using static TrajectoryBuild.Rewards.Tests.Steps;

namespace TrajectoryBuild.Rewards.Tests.Tagging;

public sealed class FailureTagJsonTests
{
    private static FailureTag Loop() =>
        Tags.Of(Facts(Of(Tags.Patch("docs/readme.md"), Bash(0, "ls", "a"), Bash(1, "ls", "a"), Bash(2, "ls", "a")), Unresolved(), "calc/ops.py"));

    [Fact]
    public void ToUtf8_Tag_WritesTheDocumentedShape()
    {
        var json = Encoding.UTF8.GetString(FailureTagJson.ToUtf8(Loop()));

        json.ShouldBe("""
            {
              "class": "tool_use_loop",
              "infrastructure": false,
              "detector": "tool_use_loop",
              "confirmed": false,
              "taxonomy_version": 1,
              "fired": [
                {
                  "detector": "tool_use_loop",
                  "class": "tool_use_loop",
                  "evidence": [
                    "the same action and output 3 times in a row (step 0, step 1, step 2): `ls`"
                  ]
                },
                {
                  "detector": "localization",
                  "class": "localization",
                  "evidence": [
                    "the patch changes docs/readme.md",
                    "the gold patch changes calc/ops.py"
                  ]
                }
              ],
              "evidence": [
                "the same action and output 3 times in a row (step 0, step 1, step 2): `ls`"
              ],
              "override": null
            }

            """);
    }

    [Fact]
    public void ToUtf8_SameTagTwice_IsTheSameBytes() =>
        FailureTagJson.ToUtf8(Loop()).ShouldBe(FailureTagJson.ToUtf8(Loop()));

    [Fact]
    public void ToUtf8_OverriddenInfrastructureTag_WritesTheOverride()
    {
        var tag = Tags.Of(Facts(Of(null, Bash(0, "ls")) with { ExitStatus = "model_error" }, Unresolved()), TaggingOptions.Default with { Version = 4 })
            .WithOverride(FailureClass.BrokenImplementation, "ann-2", "the model returned \"<tool>\" garbage");

        var json = Encoding.UTF8.GetString(FailureTagJson.ToUtf8(tag));

        json.ShouldContain("\"class\": \"broken_implementation\",\n  \"infrastructure\": true,\n  \"detector\": \"infrastructure\"");
        json.ShouldContain("\"taxonomy_version\": 4");
        json.ShouldContain("\"detector\": \"infrastructure\",\n      \"class\": null");
        json.ShouldEndWith("""
              "override": {
                "class": "broken_implementation",
                "overridden_by": "ann-2",
                "note": "the model returned \"<tool>\" garbage",
                "detected": null
              }
            }

            """);
    }
}
