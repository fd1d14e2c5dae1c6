using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Git;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Reproduction.Grading;
using TrajectoryBuild.Reproduction.Parsing;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rollouts.Evaluation;

internal sealed partial class EvaluateStage
{
    /// <summary>The filter reason of a patch that does not apply to the task's base commit (with the test patch).</summary>
    public const string DoesNotApply = "patch-does-not-apply";

    /// <summary>The filter reason of a patch that reaches outside the repository (absolute, <c>..</c>, <c>.git</c>, symlinks).</summary>
    public const string OutsideRepo = "patch-outside-repo";

    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Target.Locals is ReportInputs report)
        {
            await RolloutReport.WriteAsync(context, report, cancellationToken).ConfigureAwait(false);
            return;
        }

        var inputs = (EvaluateInputs)context.Target.Locals!;
        var validation = JsonNode.Parse(context.Upstream($"{ReproduceStage.StageName}/{inputs.Task.InstanceId}").ReadAllText(ReproduceStage.ReportFile))!;
        List<string> failToPass = [.. validation["FAIL_TO_PASS"]!.AsArray().Select(t => t!.GetValue<string>())];
        List<string> passToPass = [.. validation["PASS_TO_PASS"]!.AsArray().Select(t => t!.GetValue<string>())];
        var record = new JsonObject
        {
            ["trajectory_id"] = inputs.TrajectoryId,
            ["instance_id"] = inputs.Task.InstanceId,
            ["patch_sha256"] = AgentPatch.DigestOf(inputs.Patch),
        };
        if (AgentPatch.IsEmpty(inputs.Patch))
        {
            // Reproduce showed FAIL_TO_PASS failing at the base commit: an empty patch cannot resolve the task.
            var unchanged = Grader.Evaluate(new Dictionary<string, TestStatus>(), failToPass, passToPass);
            await WriteAsync(context, Evaluated(record, unchanged, "empty patch: not run (FAIL_TO_PASS fails at the base commit, as Reproduce showed)"), cancellationToken).ConfigureAwait(false);
            return;
        }

        // Stage 1's check, before any container: the patch must stay inside the repository and apply at the base commit.
        var (checkout, checkoutFolder) = await TaskPreparation.CheckoutAsync(context, inputs.Task.CheckoutTarget, cancellationToken).ConfigureAwait(false);
        var check = await new PatchCheck().CheckAsync(checkoutFolder, inputs.Patch!, cancellationToken).ConfigureAwait(false);
        if (!check.Applies)
        {
            await WriteAsync(context, Filtered(record, check.Method == PatchMethod.Refused ? OutsideRepo : DoesNotApply, check.Message), cancellationToken).ConfigureAwait(false);
            return;
        }

        var (prepared, failure) = await TaskPreparation.PrepareAsync(context, inputs.Task.Environment!, checkout, checkoutFolder, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new InvalidOperationException($"{inputs.Task.InstanceId}: the task image could not be prepared ({failure.Reason}): {failure.Detail}");
        }

        using var task = prepared!;
        context.ReportProgress($"{inputs.TrajectoryId}: the task's tests with the agent's patch");
        var result = await task.Executor.RunAsync(inputs.Task.Task.TestPatch, check.AsApplied(inputs.Patch!), cancellationToken).ConfigureAwait(false);
        var log = result.Stdout + result.Stderr;
        await context.Log.WriteLineAsync($"--- exit {result.ExitCode} in {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        await context.Log.WriteAsync(log).ConfigureAwait(false);
        record["execution"] = new JsonObject { ["executor"] = task.Executor.Name, ["hermetic"] = task.Executor.Hermetic, ["image"] = task.Executor.Image };
        if (result.ExitCode == TestScript.PatchDoesNotApply)
        {
            // The check above ran on the checkout; the task image's tree may differ from it (its install lines ran there).
            var tail = string.Join('\n', log.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).TakeLast(12));
            await WriteAsync(context, Filtered(record, DoesNotApply, tail), cancellationToken).ConfigureAwait(false);
            return;
        }

        var run = result.DiskLimitExceeded || result.TimedOut || result.OomKilled
            ? TestRun.Unreadable(result.DiskLimitExceeded ? TestRunProblems.DiskLimit : result.TimedOut ? TestRunProblems.TestsTimedOut : TestRunProblems.OutOfMemory, (int)result.ExitCode)
            : TestLog.Read(log, TestLogParsers.Get(inputs.Task.Environment!.Parser)) with { ExitCode = (int)result.ExitCode };
        var graded = Grader.Evaluate(run, failToPass, passToPass);
        record["test_errors"] = new JsonArray([.. TestErrors.Of(log).Select(e => (JsonNode)e)]);
        await WriteAsync(context, Evaluated(record, graded, run.Found ? null : $"the test log could not be graded: {run.Problem}"), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Filtered(JsonObject record, string reason, string detail)
    {
        record["status"] = "filtered";
        record["reason"] = reason;
        record["detail"] = detail;
        record["resolved"] = null;
        return record;
    }

    private static JsonObject Evaluated(JsonObject record, EvaluationReport graded, string? note)
    {
        record["status"] = "evaluated";
        record["reason"] = null;
        record["detail"] = note;
        record["resolved"] = graded.Resolved;
        record["resolution"] = EvaluationReport.ResolutionName(graded.Resolution);
        record["tests_status"] = graded.TestsStatusJson();
        return record;
    }

    private static async Task WriteAsync(TargetContext context, JsonObject record, CancellationToken cancellationToken)
    {
        await context.WriteOutputAsync(RecordFile, CanonicalJson.Serialize(record) + "\n", cancellationToken).ConfigureAwait(false);
        var outcome = record["status"]!.GetValue<string>() == "filtered" ? $"filtered: {record["reason"]}" : record["resolved"]!.GetValue<bool>() ? "resolved" : "not resolved";
        await context.Log.WriteLineAsync($"{record["trajectory_id"]}: {outcome}").ConfigureAwait(false);
    }
}
