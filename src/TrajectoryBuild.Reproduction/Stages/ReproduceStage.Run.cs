using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Mining.Tasks;
using TrajectoryBuild.Reproduction.Execution;
using TrajectoryBuild.Reproduction.Grading;
using TrajectoryBuild.Reproduction.Parsing;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Stages;

internal sealed partial class ReproduceStage
{
    /// <summary>The rejection reason of a task that no environment of its dataset applies to.</summary>
    public const string NoEnvironment = "no-environment";

    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Target.Locals is string dataset)
        {
            await ValidationSummary.WriteAsync(context, dataset, cancellationToken).ConfigureAwait(false);
            return;
        }

        var inputs = (ReproduceInputs)context.Target.Locals!;
        var task = TaskRecord.FromJson((JsonObject)JsonNode.Parse(context.Upstream(MineStage.DatasetTarget(inputs.Dataset)).ReadAllText(MineStage.TaskFile(context.Target.Unit)))!);
        if (inputs.Environment is null)
        {
            var names = string.Join(", ", context.Target.Params!["environments"]!.AsArray().Select(e => e!.GetValue<string>()));
            var detail = task.Environment is null
                ? $"no environment of dataset {inputs.Dataset} applies to {task.Repo} (its environments: {(names.Length == 0 ? "none" : names)}); add the repository to one's 'repos'"
                : $"the task names environment '{task.Environment}', which dataset {inputs.Dataset} does not use (its environments: {(names.Length == 0 ? "none" : names)})";
            var rejected = new ValidationReport([], [], ValidationVerdict.Reject(NoEnvironment, FailureKind.Task, detail), [], []);
            await WriteReportAsync(context, rejected, null, cancellationToken).ConfigureAwait(false);
            await context.Log.WriteLineAsync($"{task.InstanceId} rejected: {detail}").ConfigureAwait(false);
            return;
        }

        var environment = inputs.Environment;
        var (prepared, failure) = await TaskPreparation.PrepareAsync(context, environment, inputs.CheckoutTarget!, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            var rejected = new ValidationReport([], [], ValidationVerdict.Reject(failure.Reason, FailureKind.Infrastructure, failure.Detail), [], [.. environment.Notes]);
            await WriteReportAsync(context, rejected, new ExecutionFacts(Executors.Docker, true, null), cancellationToken).ConfigureAwait(false);
            await context.Log.WriteLineAsync($"{task.InstanceId} rejected (infrastructure): {failure.Reason}").ConfigureAwait(false);
            return;
        }

        using var preparedTask = prepared;
        var executor = prepared!.Executor;
        var parser = TestLogParsers.Get(environment.Parser);
        var before = new List<TestRun>();
        var after = new List<TestRun>();
        for (var run = 1; run <= inputs.StabilityRuns; run++)
        {
            context.ReportProgress($"run {run} of {inputs.StabilityRuns}: tests with the test patch only");
            before.Add(await RunOnceAsync(context, executor, parser, task.TestPatch, null, $"before, run {run}", cancellationToken).ConfigureAwait(false));
            if (!before[^1].Found)
            {
                // A run that timed out, ran out of memory or could not apply its patch decides the verdict: stop there.
                after.Add(before[^1]);
                break;
            }

            context.ReportProgress($"run {run} of {inputs.StabilityRuns}: tests with the test patch and the gold patch");
            after.Add(await RunOnceAsync(context, executor, parser, task.TestPatch, task.Patch, $"after, run {run}", cancellationToken).ConfigureAwait(false));
            if (!after[^1].Found)
            {
                break;
            }
        }

        var report = Grader.Validate(Stability.Combine(before), Stability.Combine(after), task.FailToPass, task.PassToPass);
        if (environment.Notes.Count > 0)
        {
            report = report with { Warnings = [.. report.Warnings, .. environment.Notes] };
        }

        await WriteReportAsync(context, report, new ExecutionFacts(executor.Name, executor.Hermetic, executor.Image), cancellationToken).ConfigureAwait(false);
        var verdict = report.Verdict.Accepted
            ? $"accepted: {report.FailToPass.Count} FAIL_TO_PASS, {report.PassToPass.Count} PASS_TO_PASS"
            : $"rejected ({report.Verdict.Kind}): {report.Verdict.Reason}: {report.Verdict.Detail}";
        await context.Log.WriteLineAsync($"{task.InstanceId} {verdict}").ConfigureAwait(false);
    }

    /// <summary>The task's validation.json: the grading report plus how it ran (executor, hermetic, task image).</summary>
    private static async Task WriteReportAsync(TargetContext context, ValidationReport report, ExecutionFacts? execution, CancellationToken cancellationToken)
    {
        var json = report.ToJsonNode();
        json["execution"] = execution is null
            ? null
            : new JsonObject { ["executor"] = execution.Executor, ["hermetic"] = execution.Hermetic, ["image"] = execution.Image };
        await context.WriteOutputAsync(ReportFile, CanonicalJson.Serialize(json) + "\n", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TestRun> RunOnceAsync(
        TargetContext context, ITaskExecutor executor, ITestLogParser parser, string testPatch, string? goldPatch, string label, CancellationToken cancellationToken)
    {
        var result = await executor.RunAsync(testPatch, goldPatch, cancellationToken).ConfigureAwait(false);
        var log = result.Stdout + result.Stderr;

        // The log has timings in it, so it goes to the target's log (kept, replayed), never to its outputs.
        var seconds = result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var stopped = result.DiskLimitExceeded ? ", stopped at the disk limit" : result.TimedOut ? ", timed out" : result.OomKilled ? ", out of memory"
            : result.OutputLimitExceeded ? ", stopped at the output limit" : string.Empty;
        await context.Log.WriteLineAsync($"--- {label}: exit {result.ExitCode} in {seconds} s{stopped}").ConfigureAwait(false);
        await context.Log.WriteAsync(log).ConfigureAwait(false);
        if (result.DiskLimitExceeded || result.TimedOut || result.OomKilled || result.OutputLimitExceeded || result.ExitCode == TestScript.PatchDoesNotApply)
        {
            // The disk limit first: a run that filled it may then have timed out or been killed for it.
            var problem = result.DiskLimitExceeded ? TestRunProblems.DiskLimit
                : result.TimedOut ? TestRunProblems.TestsTimedOut
                : result.OomKilled ? TestRunProblems.OutOfMemory
                : result.OutputLimitExceeded ? TestRunProblems.OutputTruncated
                : TestRunProblems.PatchApplyFailed;
            return TestRun.Unreadable(problem, (int)result.ExitCode);
        }

        var run = TestLog.Read(log, parser);
        return run with { ExitCode = (int)result.ExitCode, Refusals = SandboxRefusals.Find(TestLog.Output(log), run.Statuses, executor.Workspaces) };
    }

    private sealed record ExecutionFacts(string Executor, bool Hermetic, string? Image);
}
