using System.CommandLine;
using TrajectoryBuild.Cli.Output;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Cli.Commands;

/// <summary><c>trajbuild plan</c> (and <c>status</c>): what a build would run, and why.</summary>
internal static class PlanCommand
{
    public static Command Create(string name, string description, TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr, bool explainByDefault)
    {
        var common = new CommonOptions(pipeline);
        var explain = new Option<bool>("--explain", "-e") { Description = "Show why each target is not fresh: the key fields that changed, walked back to the root cause" };
        var json = new Option<bool>("--json") { Description = "Write the plan as JSON on stdout (for scripts and CI)" };
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit 1 when a build would run anything (for CI checks)" };
        var matrix = new Option<bool>("--matrix")
        {
            Description = "Write one JSON line for a CI matrix of sharded build legs: {\"stale\", \"targets\", \"pending\", \"work_units\", \"shards\", "
                + "\"shard\": [\"1/n\", ...]}, one leg per task chain that will run, at most --max-shards; no legs when nothing will run",
        };
        var maxShards = new Option<int>("--max-shards")
        {
            Description = $"With --matrix: the most legs to ask for (1 to {ShardSpec.MaxCount})",
            HelpName = "n",
            DefaultValueFactory = _ => 8,
        };
        maxShards.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > ShardSpec.MaxCount)
            {
                result.AddError($"--max-shards must be between 1 and {ShardSpec.MaxCount}");
            }
        });
        var noStamp = new Option<bool>("--no-stamp")
        {
            Description = "Plan every target even if nothing the last all-FRESH plan read has changed since "
                + "(by default such a plan is answered from its stamp in .trajbuild/plan/, as ninja answers from its log), "
                + "plan again even the targets declared as in that plan after its inputs changed (by default they are "
                + "taken from it while the lock and the cache are as they were), "
                + "and open every target's cache entry (by default a plan takes the entries the last plan read from "
                + "its action index there, unless their cache folders changed)",
        };
        var cache = new SharedCacheOptions(uploads: false);
        var command = new Command(name, description);
        common.AddTo(command);
        common.AddDatasetFilterTo(command);
        command.Options.Add(explain);
        command.Options.Add(json);
        command.Options.Add(exitCode);
        command.Options.Add(matrix);
        command.Options.Add(maxShards);
        command.Options.Add(noStamp);
        cache.AddTo(command);
        command.SetAction((parse, cancellationToken) => common.WithManifestAsync(parse, stderr, async (manifestPath, manifest) =>
        {
            using var remote = cache.Open(parse, readOnly: true, stderr, stderr);
            var engine = new BuildEngine(pipeline, manifest, common.BuildOptionsFor(parse) with { Remote = remote, PlanStamps = !parse.GetValue(noStamp) });
            var plan = await engine.PlanAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(matrix))
            {
                await stdout.WriteLineAsync(PlanMatrix.Of(plan, parse.GetValue(maxShards)).ToJsonString()).ConfigureAwait(false);
            }
            else if (parse.GetValue(json))
            {
                PlanRenderer.WriteJson(plan, manifestPath, stdout);
            }
            else
            {
                await PlanRenderer.WriteTextAsync(plan, manifestPath, explainByDefault || parse.GetValue(explain), stdout, cancellationToken).ConfigureAwait(false);
            }

            return parse.GetValue(exitCode) && !plan.UpToDate ? ExitCodes.Failure : ExitCodes.Success;
        }));
        return command;
    }
}
