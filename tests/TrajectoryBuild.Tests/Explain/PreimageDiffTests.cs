using System.Text.Json.Nodes;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Tests.Explain;

public sealed class PreimageDiffTests
{
    private static JsonObject Preimage() => (JsonObject)JsonNode.Parse("""
        {"schema":1,"epoch":0,"stage":{"name":"Reproduce","version":1},"target":"Reproduce/t1",
         "params":{"timeout":600,"env":{"suite":"bookworm"}},
         "facts":{"commit":"abc","image.env":"1111111111111111111111111111111111111111111111111111111111111111","verifier":"v1","arch":"amd64"},
         "inputs":{"test_patch":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
         "upstream":{"Mine/demo:tasks/t1.json":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}
        """)!;

    [Theory]
    [InlineData("schema", "2", "ENGINE schema: 1 -> 2")]
    [InlineData("epoch", "1", "EPOCH epoch: 0 -> 1")]
    [InlineData("stage", """{"name":"Reproduce","version":2}""", "CODE stage.version: 1 -> 2")]
    [InlineData("params", """{"timeout":900,"env":{"suite":"bookworm"}}""", "PARAMS params.timeout: 600 -> 900")]
    [InlineData("params", """{"timeout":600,"env":{"suite":"bullseye"}}""", "PARAMS params.env.suite: bookworm -> bullseye")]
    [InlineData("params", """{"timeout":600}""", "PARAMS params.env: removed {\"suite\":\"bookworm\"}")]
    [InlineData("facts", """{"commit":"def","image.env":"1111111111111111111111111111111111111111111111111111111111111111","verifier":"v1","arch":"amd64"}""", "COMMIT facts.commit: abc -> def")]
    [InlineData("facts", """{"commit":"abc","image.env":"2222222222222222222222222222222222222222222222222222222222222222","verifier":"v1","arch":"amd64"}""", "IMAGE facts.image.env: 111111111111 -> 222222222222")]
    [InlineData("facts", """{"commit":"abc","image.env":"1111111111111111111111111111111111111111111111111111111111111111","verifier":"v2","arch":"amd64"}""", "VERIFIER facts.verifier: v1 -> v2")]
    [InlineData("facts", """{"commit":"abc","image.env":"1111111111111111111111111111111111111111111111111111111111111111","verifier":"v1","arch":"arm64"}""", "FACT facts.arch: amd64 -> arm64")]
    [InlineData("inputs", """{"test_patch":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"}""", "INPUT inputs.test_patch: aaaaaaaaaaaa -> cccccccccccc")]
    [InlineData("inputs", """{"test_patch":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","hints":"dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"}""", "INPUT_SET inputs.hints: added dddddddddddd")]
    [InlineData("upstream", """{"Mine/demo:tasks/t1.json":"pending"}""", "UPSTREAM upstream.Mine/demo:tasks/t1.json: bbbbbbbbbbbb -> pending")]
    public void Diff_OneFieldChanged_GivesExactlyOneCauseOfItsKind(string field, string json, string expected)
    {
        var now = Preimage();
        now[field] = JsonNode.Parse(json);

        PreimageDiff.Diff(Preimage(), now).Select(c => c.ToString()).ShouldBe([expected]);
    }

    [Fact]
    public void Diff_SamePreimage_GivesNoCause() => PreimageDiff.Diff(Preimage(), Preimage()).ShouldBeEmpty();

    [Fact]
    public void Diff_AStoredPreimageAgainstABuiltOne_ComparesAllOutputsAsOneDigestAndStringsAsThey()
    {
        // The stored preimage is parsed from its bytes, the new one built: a dependency on all of a target's outputs is
        // shown as the digest of its map, one on a single output as its digest; a number and a string are not the same.
        var was = Preimage();
        was["upstream"] = JsonNode.Parse("""
            {"Reproduce/t1":{"log.txt":"1111111111111111111111111111111111111111111111111111111111111111","report.json":"2222222222222222222222222222222222222222222222222222222222222222"},
             "Reproduce/t2":{"report.json":"3333333333333333333333333333333333333333333333333333333333333333"},
             "Mine/demo:tasks/t1.json":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","Other/x:n":"1"}
            """);
        var now = Preimage();
        now["upstream"] = new JsonObject
        {
            ["Other/x:n"] = 1,
            ["Reproduce/t2"] = new JsonObject { ["report.json"] = new string('3', 64) },
            ["Mine/demo:tasks/t1.json"] = new string('b', 64),
            ["Reproduce/t1"] = new JsonObject { ["log.txt"] = new string('1', 64), ["report.json"] = new string('4', 64) },
        };
        var before = Digest.Of(CanonicalJson.SerializeToUtf8(was["upstream"]!["Reproduce/t1"]!))[..12];
        var after = Digest.Of(CanonicalJson.SerializeToUtf8(now["upstream"]!["Reproduce/t1"]!))[..12];

        PreimageDiff.Diff(was, now).Select(c => c.ToString()).ShouldBe([
            "UPSTREAM upstream.Other/x:n: 1 -> 1",
            $"UPSTREAM upstream.Reproduce/t1: {before} -> {after}",
        ]);
    }

    [Fact]
    public void Diff_ManyUpstreamOutputs_GivesOnlyTheChangedAddedAndRemoved_InNameOrder()
    {
        // A Package target reads every trajectory's outputs: 2,000 here, written in an order that is not the names'.
        var was = Preimage();
        var now = Preimage();
        var before = new JsonObject();
        var after = new JsonObject();
        foreach (var i in Enumerable.Range(0, 2000).Reverse())
        {
            var digest = new string((char)('a' + (i % 6)), 64);
            before[$"Capture/t{i}:out"] = digest;
            after[$"Capture/t{i}:out"] = i is 7 or 1500 ? new string('f', 64) : digest;
        }

        before.Remove("Capture/t42:out");
        after.Remove("Capture/t999:out");
        was["upstream"] = before;
        now["upstream"] = after;

        PreimageDiff.Diff(was, now).Select(c => c.ToString()).ShouldBe([
            "UPSTREAM upstream.Capture/t1500:out: aaaaaaaaaaaa -> ffffffffffff",
            "UPSTREAM upstream.Capture/t42:out: added aaaaaaaaaaaa",
            "UPSTREAM upstream.Capture/t7:out: bbbbbbbbbbbb -> ffffffffffff",
            "UPSTREAM upstream.Capture/t999:out: removed dddddddddddd",
        ]);
    }
}
