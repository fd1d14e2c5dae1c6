using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Reproduction.Grading;

internal sealed partial record ValidationReport
{
    /// <summary>The canonical JSON (sorted keys, sorted lists): the Reproduce target's output.</summary>
    public string ToJson() => CanonicalJson.Serialize(ToJsonNode());

    public JsonObject ToJsonNode() => new()
    {
        ["FAIL_TO_PASS"] = Array(FailToPass),
        ["PASS_TO_PASS"] = Array(PassToPass),
        ["accepted"] = Verdict.Accepted,
        ["rejection"] = Verdict.Accepted
            ? null
            : new JsonObject
            {
                ["reason"] = Verdict.Reason,
                ["kind"] = Verdict.Kind is { } kind ? KindName(kind) : null,
                ["detail"] = Verdict.Detail,
            },
        ["flaky"] = Array(Flaky),
        ["sandbox_refusals"] = new JsonArray([.. Refused.Select(r => (JsonNode)new JsonObject
        {
            ["run"] = r.Run,
            ["kind"] = r.Refusal.Kind,
            ["test"] = r.Refusal.Test,
            ["evidence"] = r.Refusal.Evidence,
        })]),
        ["warnings"] = Array(Warnings),
    };

    private static string KindName(FailureKind kind) => kind == FailureKind.Infrastructure ? "infrastructure" : "task";

    private static JsonArray Array(IEnumerable<string> items) =>
        [.. items.Order(StringComparer.Ordinal).Select(item => (JsonNode?)JsonValue.Create(item))];
}
