using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using TrajectoryBuild.Mining.Git;
using TrajectoryBuild.Mining.Patches;
using TrajectoryBuild.Mining.Sources;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Rollouts.Tests.Evaluation;

/// <summary>
/// The demo's real patches (each task's gold and test patch, and the agents' recorded submissions), mutated with a fixed
/// seed: cut short, characters replaced (NUL, U+FFFD, an unpaired surrogate, diff punctuation), invalid UTF-8, lines
/// dropped, doubled or swapped, CRLF on some lines, hunk headers broken or with huge counts, paths pointed at '..',
/// '/', '.git' or through a new symlink, a 50,000-line hunk. Nothing may throw at either door, and what the agent-patch
/// check lets through must apply with the executor's own script (git apply, then GNU patch's fuzz), inside its copy of
/// the checkout.
/// </summary>
public sealed partial class PatchFuzzTests : IDisposable
{
    private const int Seed = 20261124;
    private static readonly string[] s_patchFields = ["patch", "test_patch"];
    private static readonly string[] s_characters = ["\0", "\uFFFD", "\uD800", "\r", "\n", "@", "-", "+", " ", "\\", "\"", "/", "\t"];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task MutatedRealPatches_NeverThrow_AndWhatTheAgentDoorLetsThroughAppliesInsideTheCheckout()
    {
        var checkouts = DemoTasks.Rows.Select(r => r["instance_id"]!.GetValue<string>())
            .ToDictionary(id => id, id => DemoTasks.Checkout(id, _temp.Combine(id)), StringComparer.Ordinal);
        List<(string InstanceId, string Name, string Patch)> sources =
        [
            .. DemoTasks.Rows.SelectMany(r => s_patchFields.Select(field => (r["instance_id"]!.GetValue<string>(), $"{r["instance_id"]} {field}", r[field]!.GetValue<string>()))),
            .. DemoTasks.RecordedPatches().Select(p => (p.InstanceId, p.File, p.Patch)),
        ];
        var random = new Random(Seed);
        var cases = sources.SelectMany(s => Mutations(s.Patch, random).Select(m => (s.InstanceId, Name: $"{s.Name} / {m.Name}", m.Patch))).ToList();
        using var row = ReliabilityRecord.Start("Bad input: patches", $"{sources.Count} real patches of the demo (gold, test, agents' submissions) mutated {cases.Count} ways (seed {Seed}): "
            + "cut short, NUL / U+FFFD / unpaired surrogate / diff punctuation put in, invalid UTF-8, lines dropped, doubled or swapped, CRLF on some lines, "
            + "hunk headers broken or with counts past 2^31 and 2^64, paths made '../', '//', '.git/' or through a new symlink, a 50,000-line hunk; at both doors");
        var outcomes = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var parser = new TaskRowParser("fuzz", "swebench");

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 3, CancellationToken = TestContext.Current.CancellationToken }, async (c, token) =>
        {
            var checkout = checkouts[c.InstanceId];

            // The task-row door: a rejection or a task, whatever the text.
            var taskRow = (System.Text.Json.Nodes.JsonObject)DemoTasks.Row(c.InstanceId).DeepClone();
            taskRow["patch"] = c.Patch;
            _ = parser.TryParse(taskRow, "rows.jsonl#L1", out _, out _);
            if (UnifiedDiff.TryParse(c.Patch, out var diff, out _))
            {
                _ = diff.UnsafePaths();
            }

            // The agent door: a verdict with a reason, and what it lets through applies, inside the copy.
            var check = await PatchDoor.CheckAsync(checkout, c.Patch);
            check.Message.ShouldNotBeNullOrWhiteSpace(c.Name);
            string outcome;
            if (!check.Applies)
            {
                outcome = "refused as not applying";
                if (check.Method == PatchMethod.Refused)
                {
                    // Were the check skipped, the task script (git apply, then GNU patch) must refuse it too, or keep what it writes inside.
                    var anyway = await PatchDoor.ApplyAsync(checkout, c.Patch);
                    if (anyway.PatchApplied)
                    {
                        anyway.ShouldStayInside(c.Name);
                    }
                    else
                    {
                        anyway.Log.ShouldContain("does not apply", Case.Sensitive, c.Name);
                    }

                    outcome = anyway.PatchApplied ? "refused as unsafe (the task script alone would have kept it inside)" : "refused as unsafe (the task script alone refuses it too)";
                }
            }
            else
            {
                // Whatever method the check found (git apply, on LF line ends, or only GNU patch's fuzz), the task
                // script applies it the same way, inside its copy.
                var applied = await PatchDoor.ApplyAsync(checkout, check.AsApplied(c.Patch));
                applied.PatchApplied.ShouldBeTrue($"{c.Name}: the check said {check.Method}\n{applied.Log}");
                applied.ShouldStayInside(c.Name);
                outcome = check.Method == PatchMethod.PatchFuzz ? "applied inside the checkout only with fuzz (git apply refused them)" : "applied inside the checkout";
            }

            outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            row.Case();
        });

        outcomes.Values.Sum().ShouldBe(cases.Count);
        row.Passed("no exception at either door (the task-row parser, the agent-patch check); "
            + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value} {o.Key}"))
            + "; every accepted one applied with the executor's own script (git apply, then GNU patch --fuzz=5) and left nothing beside the copy and no symlink out of it");
    }

    private static IEnumerable<(string Name, string Patch)> Mutations(string patch, Random random)
    {
        var lines = patch.Split('\n').ToList();
        for (var n = 0; n < 2; n++)
        {
            yield return ($"cut at {n}", patch[..random.Next(patch.Length)]);
        }

        for (var n = 0; n < 3; n++)
        {
            var chars = new StringBuilder(patch);
            for (var k = 0; k < 1 + random.Next(3); k++)
            {
                var at = random.Next(chars.Length);
                chars.Remove(at, 1).Insert(at, s_characters[random.Next(s_characters.Length)]);
            }

            yield return ($"characters {n}", chars.ToString());
        }

        var bytes = Encoding.UTF8.GetBytes(patch).ToList();
        bytes.InsertRange(random.Next(bytes.Count), [0xC3, 0x28, 0xFF]);
        yield return ("invalid UTF-8", Encoding.UTF8.GetString([.. bytes]));

        var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
        yield return ("line dropped", string.Join('\n', lines.Where((_, i) => i != a)));
        yield return ("line doubled", string.Join('\n', lines.SelectMany((l, i) => i == a ? new[] { l, l } : [l])));
        yield return ("lines swapped", string.Join('\n', lines.Select((l, i) => i == a ? lines[b] : i == b ? lines[a] : l)));
        yield return ("CRLF on some lines", string.Join('\n', lines.Select(l => random.Next(2) == 0 ? l + "\r" : l)));

        string[] counts = ["0", "2147483648", "99999999999999999999", "x", "-1"];
        var header = lines.FindIndex(l => l.StartsWith("@@ ", StringComparison.Ordinal));
        if (header >= 0)
        {
            var count = counts[random.Next(counts.Length)];
            yield return ($"hunk count {count}", string.Join('\n', lines.Select((l, i) => i == header ? HunkHeader().Replace(l, $"@@ -1,{count} +1,{count} @@", 1) : l)));
            yield return ("hunk header cut", string.Join('\n', lines.Select((l, i) => i == header ? l[..l.LastIndexOf("@@", StringComparison.Ordinal)] : l)));
        }

        string[] prefixes = ["b/../", "b/../../", "b//", "b/.git/", "b/~/"];
        var prefix = prefixes[random.Next(prefixes.Length)];
        yield return ($"paths {prefix}", patch.Replace(" b/", " " + prefix, StringComparison.Ordinal).Replace("+++ b/", "+++ " + prefix, StringComparison.Ordinal));
        var file = lines.FirstOrDefault(l => l.StartsWith("+++ b/", StringComparison.Ordinal))?["+++ b/".Length..] ?? "x";
        yield return ("through a new symlink", $"diff --git a/lnk b/lnk\nnew file mode 120000\n--- /dev/null\n+++ b/lnk\n@@ -0,0 +1 @@\n+.\n\\ No newline at end of file\n"
            + patch.Replace($"a/{file}", $"a/lnk/{file}", StringComparison.Ordinal).Replace($"b/{file}", $"b/lnk/{file}", StringComparison.Ordinal));
        if (random.Next(4) == 0)
        {
            var huge = string.Concat(Enumerable.Range(0, 50_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"+line {i}\n")));
            yield return ("50,000-line hunk", patch + $"diff --git a/huge.txt b/huge.txt\nnew file mode 100644\n--- /dev/null\n+++ b/huge.txt\n@@ -0,0 +1,50000 @@\n{huge}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^@@ -[0-9]+(,[0-9]+)? \+[0-9]+(,[0-9]+)? @@")]
    private static partial System.Text.RegularExpressions.Regex HunkHeader();
}
