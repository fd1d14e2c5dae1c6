using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.InteropServices;
using TrajectoryBuild.Cli.Commands;
using TrajectoryBuild.Cli.Commands.Annotate;
using TrajectoryBuild.Cli.Pipeline;

namespace TrajectoryBuild.Cli;

/// <summary>The trajbuild command line, runnable in-process (the build host and tests call it directly).</summary>
public static class CliApp
{
    /// <summary>Runs trajbuild with <paramref name="args"/>; returns 0 success, 1 failure, 2 usage error.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        RunAsync(args, stdout, stderr, DatasetPipeline.Create(), cancellationToken);

    /// <summary>
    /// The process entry point: runs over the console, turning the first Ctrl-C into a graceful cancellation
    /// (finished targets stay cached and locked); a second Ctrl-C ends the process at once.
    /// </summary>
    public static async Task<int> MainAsync(string[] args, TrajectoryBuild.Stages.Pipeline? pipeline = null)
    {
        // Never disposed: a signal can arrive while the process is on its way out (the build already finished), and its
        // handler must not meet a disposed source; it holds no timer, so nothing leaks.
        var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!cts.IsCancellationRequested)
            {
                e.Cancel = true;
                cts.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // Same as Ctrl-C: stop starting targets, record what finished, exit.
            context.Cancel = true;
            cts.Cancel();
        });
        try
        {
            return await RunAsync(args, Console.Out, Console.Error, pipeline ?? DatasetPipeline.Create(), cts.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs trajbuild over a given pipeline (tests supply the engine's test stages).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TrajectoryBuild.Stages.Pipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = CreateRootCommand(pipeline, stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'trajbuild --help' to see the commands and options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
    }

    internal static Command CreateRootCommand(TrajectoryBuild.Stages.Pipeline pipeline, TextWriter stdout, TextWriter stderr)
    {
        var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        // A named root (not RootCommand) so help says "trajbuild" whichever program hosts the CLI.
        var root = new Command(
            "trajbuild",
            "Build SWE-agent training datasets declared in datasets.yaml, incrementally, like code. Each stage's "
            + "targets are keyed by a hash of exactly what they depend on; a build runs only the stale ones and says why.\n\n"
            + "Examples:\n"
            + "  trajbuild validate datasets.yaml              check a manifest; every error with file:line:column\n"
            + "  trajbuild plan --explain                      what would run, and which key field changed\n"
            + "  trajbuild build                               build what is stale; a second run does nothing\n"
            + "  trajbuild build --stage Clone -j 4            build up to a stage, 4 targets at a time\n"
            + "  trajbuild plan --json --exit-code             the plan for scripts; exit 1 if anything would run\n"
            + "  trajbuild show Clone/dataset/demo report.txt  print a built target's output\n"
            + "  trajbuild release --dry-run                   check a finished build and show its release notes\n"
            + "  trajbuild images --gc --dry-run               container images no built target uses\n"
            + "  trajbuild import -f swe-agent runs/           recorded trajectories as normalized JSON Lines\n"
            + "  trajbuild annotate serve                      the annotation server for stage 5's human labels")
        {
            new HelpOption(),
            new VersionOption(),
            ValidateCommand.Create(stdout),
            PlanCommand.Create("plan", "List the targets a build would consider, with status FRESH / CACHED / STALE / MISSING", pipeline, stdout, stderr, explainByDefault: false),
            PlanCommand.Create("status", "Same as 'plan --explain': every target's status and why it is not fresh", pipeline, stdout, stderr, explainByDefault: true),
            BuildCommand.Create(pipeline, stdout, stderr, interactive),
            ShowCommand.Create(pipeline, stdout, stderr),
            ReleaseCommand.Create(pipeline, stdout, stderr),
            ImagesCommand.Create(pipeline, stdout, stderr),
            ImportCommand.Create(stdout, stderr),
            AnnotateCommand.Create(pipeline, stdout, stderr),
        };
        CommandExamples.Install(root);
        return root;
    }
}
