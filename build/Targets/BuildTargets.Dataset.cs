using Build.Host;
using TrajectoryBuild.Cli;

namespace Build.Targets;

/// <summary>Plan, the stage targets and Release: trajbuild's CliApp, called in-process with the host's writers and token.</summary>
internal static partial class BuildTargets
{
    private static Task PlanAsync(BuildContext context, CancellationToken cancellationToken) =>
        RunCliAsync(CliArguments.Plan(context.Parameters), context, cancellationToken);

    private static Task ReleaseAsync(BuildContext context, CancellationToken cancellationToken) =>
        RunCliAsync(CliArguments.Release(context.Parameters), context, cancellationToken);

    private static Task BuildStageAsync(string stage, BuildContext context, CancellationToken cancellationToken) =>
        RunCliAsync(CliArguments.Build(stage, context.Parameters), context, cancellationToken);

    private static async Task RunCliAsync(IReadOnlyList<string> args, BuildContext context, CancellationToken cancellationToken)
    {
        context.Console.Out.WriteLine($"> trajbuild {string.Join(' ', args)}");
        var exitCode = await CliApp.RunAsync([.. args], context.Console.Out, context.Console.Error, cancellationToken)
            .ConfigureAwait(false);
        if (exitCode != 0)
        {
            var meaning = exitCode == 2 ? " (usage error)" : string.Empty;
            throw new BuildFailedException($"trajbuild {args[0]} exited with code {exitCode}{meaning}");
        }
    }
}
