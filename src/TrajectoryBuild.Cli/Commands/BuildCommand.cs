using System.CommandLine;
using TrajectoryBuild.Cache;
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
                if (int.TryParse(token, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
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
        var cacheUrl = new Option<string?>("--cache-url")
        {
            Description = "A shared cache (Bazel HTTP cache protocol: bazel-remote, nginx WebDAV) asked on a local miss and given what this build makes; "
                + "credentials from TRAJBUILD_CACHE_TOKEN, or TRAJBUILD_CACHE_USER and _PASSWORD [env: TRAJBUILD_CACHE_URL]",
            HelpName = "url",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRAJBUILD_CACHE_URL") is { Length: > 0 } url ? url : null,
        };
        var cacheReadOnly = new Option<bool>("--cache-read-only")
        {
            Description = "Only download from the shared cache, never upload (for untrusted builds) [env: TRAJBUILD_CACHE_READ_ONLY=true]",
            DefaultValueFactory = _ => string.Equals(Environment.GetEnvironmentVariable("TRAJBUILD_CACHE_READ_ONLY"), "true", StringComparison.OrdinalIgnoreCase),
        };
        var command = new Command("build", "Build every target that is not fresh, restore what the cache holds, and update the lock");
        common.AddTo(command);
        command.Options.Add(jobs);
        command.Options.Add(keepGoing);
        command.Options.Add(dryRun);
        command.Options.Add(verbose);
        command.Options.Add(cacheUrl);
        command.Options.Add(cacheReadOnly);
        command.SetAction((parse, cancellationToken) => common.WithManifestAsync(parse, stderr, async (manifestPath, manifest) =>
        {
            using var remote = RemoteCacheFor(parse.GetValue(cacheUrl), parse.GetValue(cacheReadOnly), stdout, stderr);
            var options = common.BuildOptionsFor(parse) with { Jobs = parse.GetValue(jobs) ?? DefaultJobs(), KeepGoing = parse.GetValue(keepGoing), Remote = remote };
            if (parse.GetValue(dryRun))
            {
                var plan = await new BuildEngine(pipeline, manifest, options).PlanAsync(cancellationToken).ConfigureAwait(false);
                PlanRenderer.WriteText(plan, manifestPath, explain: true, stdout);
                return ExitCodes.Success;
            }

            stdout.WriteLine($"Building {manifestPath}{(options.LastStage is null ? string.Empty : $" up to stage {options.LastStage}")} with {options.Jobs} job{(options.Jobs == 1 ? string.Empty : "s")}");
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

    // The shared cache, or null; a bad URL is reported and the build goes on without it (a cache never fails a build).
    private static RemoteCache? RemoteCacheFor(string? url, bool readOnly, TextWriter stdout, TextWriter stderr)
    {
        if (url is null)
        {
            return null;
        }

        try
        {
            var options = RemoteCacheOptions.FromUrl(url, readOnly, Environment.GetEnvironmentVariable);
            stdout.WriteLine($"Remote cache: {options}");
            var gate = new object();
            return new RemoteCache(options, message =>
            {
                lock (gate)
                {
                    stderr.WriteLine($"warning: {message}");
                }
            });
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"warning: --cache-url: {e.Message}; building without a remote cache");
            return null;
        }
    }

    private static int DefaultJobs() =>
        int.TryParse(Environment.GetEnvironmentVariable("TRAJBUILD_JOBS"), out var jobs) && jobs > 0 ? jobs : Environment.ProcessorCount;
}
