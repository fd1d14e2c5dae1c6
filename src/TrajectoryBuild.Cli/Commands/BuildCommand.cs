using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using TrajectoryBuild.Cli.Output;
using TrajectoryBuild.Scheduling;

namespace TrajectoryBuild.Cli.Commands;

/// <summary><c>trajbuild build</c>: build what is not fresh; a second run does nothing and says so.</summary>
internal static class BuildCommand
{
    public static Command Create(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr, bool interactive)
    {
        var common = new CommonOptions(pipeline);
        var jobs = new Option<int?>("--jobs", "-j")
        {
            Description = "Run at most this many targets at once [env: TRAJBUILD_JOBS] [default: the number of cores]",
            HelpName = "n",
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                result.AddError($"--jobs expects a whole number of at least 1, got '{token}'");
                return null;
            },
        };
        var keepGoing = new Option<bool>("--keep-going", "-k") { Description = "After a failure, go on building every target that does not depend on it" };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Show what would run and why (same as plan --explain); build nothing" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print every target and the log of every target that ran" };
        var noStamp = new Option<bool>("--no-stamp")
        {
            Description = "Check every target even if nothing the last all-FRESH plan read has changed since "
                + "(by default such a build finds everything up to date from the plan's stamp in .trajbuild/plan/, without planning), "
                + "and open every target's cache entry (by default the entries the last plan or build read come from its action index there, "
                + "unless their cache folders changed)",
        };
        var cache = new SharedCacheOptions(uploads: true);
        var force = new Option<bool>("--force")
        {
            Description = "Run every target of the build again, ignoring the results the local and shared caches hold for their keys, and replace them "
                + "(to re-roll nondeterministic rollouts, or after a cache was poisoned); not with --shard",
        };
        var shard = new Option<ShardSpec?>("--shard")
        {
            Description = "Build one leg of a sharded build: i/n (1 <= i <= n <= 256). Every leg builds the targets it owns (whole task chains, "
                + "assigned by hash) and takes the others from the cache once their leg has built them, so run all n legs at once, sharing "
                + "--cache-url (or one --state-dir on one machine) [env: TRAJBUILD_SHARD]",
            HelpName = "i/n",
            DefaultValueFactory = result => Environment.GetEnvironmentVariable("TRAJBUILD_SHARD") is { Length: > 0 } text ? ParseShard(text, result, "TRAJBUILD_SHARD") : null,
            CustomParser = result => ParseShard(result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty, result, "--shard"),
        };
        var shardTimeout = new Option<TimeSpan?>("--shard-timeout")
        {
            Description = "How long a leg waits for a target another leg builds before failing it: a number with s, m or h, e.g. 90m "
                + "[env: TRAJBUILD_SHARD_TIMEOUT] [default: 60m]",
            HelpName = "duration",
            DefaultValueFactory = result => Environment.GetEnvironmentVariable("TRAJBUILD_SHARD_TIMEOUT") is { Length: > 0 } text ? ParseDuration(text, result, "TRAJBUILD_SHARD_TIMEOUT") : null,
            CustomParser = result => ParseDuration(result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty, result, "--shard-timeout"),
        };
        var command = new Command("build", "Build every target that is not fresh, restore what the cache holds, and update the lock");
        common.AddTo(command);
        common.AddDatasetFilterTo(command);
        command.Options.Add(force);
        command.Options.Add(jobs);
        command.Options.Add(keepGoing);
        command.Options.Add(dryRun);
        command.Options.Add(verbose);
        command.Options.Add(noStamp);
        cache.AddTo(command);
        command.Options.Add(shard);
        command.Options.Add(shardTimeout);
        command.SetAction((parse, cancellationToken) => common.WithManifestAsync(parse, stderr, async (manifestPath, manifest) =>
        {
            var readOnly = parse.GetValue(cache.ReadOnly);
            var leg = parse.GetValue(shard);
            if (leg is not null && parse.GetValue(force))
            {
                await stderr.WriteLineAsync($"error: --shard {leg} with --force: the other legs could not tell this leg's new results from the cached ones. "
                    + "Run the forced build as one process, or bump 'epoch' in the manifest, which gives every target a new key").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (leg is not null && readOnly)
            {
                await stderr.WriteLineAsync($"error: --shard {leg} with a read-only cache: the other legs wait for what this leg builds, and it could not share it. "
                    + "Give the legs a writable --cache-url, or build without --shard").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var remote = cache.Open(parse, readOnly, stdout, stderr);
            var options = common.BuildOptionsFor(parse) with
            {
                Jobs = parse.GetValue(jobs) ?? DefaultJobs(),
                KeepGoing = parse.GetValue(keepGoing),
                Remote = remote,
                Shard = leg,
                Force = parse.GetValue(force),

                // --verbose replays every target's log, which only the full pass reads.
                PlanStamps = !parse.GetValue(noStamp) && !parse.GetValue(verbose),
            };
            if (parse.GetValue(shardTimeout) is { } timeout)
            {
                options = options with { ShardTimeout = timeout };
            }

            if (parse.GetValue(dryRun))
            {
                var plan = await new BuildEngine(pipeline, manifest, options).PlanAsync(cancellationToken).ConfigureAwait(false);
                await PlanRenderer.WriteTextAsync(plan, manifestPath, explain: true, stdout, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            stdout.WriteLine($"Building {manifestPath}{(options.LastStage is null ? string.Empty : $" up to stage {options.LastStage}")} with {options.Jobs} job{(options.Jobs == 1 ? string.Empty : "s")}"
                + (leg is null ? string.Empty : $", as shard {leg}")
                + (options.Datasets is { } only ? $", dataset{(only.Count == 1 ? string.Empty : "s")} {string.Join(", ", only)} only" : string.Empty)
                + (options.Force ? ", forced: every target runs again" : string.Empty));
            if (leg is not null && remote is null)
            {
                stdout.WriteLine($"Shard {leg} without --cache-url: the legs share work only through {options.StateDirectory}, so they must run on this machine with that --state-dir");
            }

            BuildEngine? engine = null;
            var report = interactive
                ? await LiveProgress.RunAsync(observer => (engine = new BuildEngine(pipeline, manifest, options, observer)).BuildAsync(cancellationToken)).ConfigureAwait(false)
                : await (engine = new BuildEngine(pipeline, manifest, options, new PlainObserver(stdout, parse.GetValue(verbose)))).BuildAsync(cancellationToken).ConfigureAwait(false);
            BuildSummary.Write(report, options.LockPath, stdout);
            if (remote is not null)
            {
                var stats = remote.Stats;
                stdout.WriteLine($"Remote cache: {stats.Hits} restored, {stats.Misses} missing, {stats.Uploads} uploaded, {stats.Errors} failed requests, {stats.Rejected} rejected (digest mismatch){(stats.Disabled ? "; left alone after failures" : stats.UploadsStopped ? "; uploads stopped after refusals" : string.Empty)}");
            }
            TrajectoryBuild.Containers.EnginePool.WriteSummary(stdout);
            if (report.Succeeded && engine is not null)
            {
                // What the whole build made, per dataset, from the reports of the stages that were in it.
                await DatasetSummary.WriteAsync(report, engine.Cache, manifest, stdout, cancellationToken).ConfigureAwait(false);
            }

            return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    // Parse errors of an option or of its environment variable (source names which) end the command as usage errors.
    private static ShardSpec? ParseShard(string text, ArgumentResult result, string source)
    {
        try
        {
            return ShardSpec.Parse(text);
        }
        catch (FormatException e)
        {
            result.AddError($"{source}: {e.Message}");
            return null;
        }
    }

    private static TimeSpan? ParseDuration(string text, ArgumentResult result, string source)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        if (text.Length > 1 && "smh".Contains(unit, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), _ => TimeSpan.FromHours(n) };
        }

        result.AddError($"{source}: '{text}' is not a duration: write a whole number and s, m or h, e.g. 90m");
        return null;
    }

    private static int DefaultJobs() =>
        int.TryParse(Environment.GetEnvironmentVariable("TRAJBUILD_JOBS"), out var jobs) && jobs > 0 ? jobs : Environment.ProcessorCount;
}
