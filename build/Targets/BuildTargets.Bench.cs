using Build.Host;
using Build.Parameters;
using Build.Processes;

namespace Build.Targets;

/// <summary>Bench: a benchmark suite under bench/ (--suite), run in Release with dotnet run; only stage2 needs a Docker Engine.</summary>
internal static partial class BuildTargets
{
    private static async Task BenchAsync(BuildContext context, CancellationToken cancellationToken)
    {
        if (context.Parameters.Suite == BenchSuites.Stage2)
        {
            await DockerRequirement.CheckAsync(DockerRequirement.Cli, cancellationToken).ConfigureAwait(false);
        }

        await ProcessRunner.RunCheckedAsync(
            ProcessRunner.Dotnet, BenchArguments.For(context.Parameters), context.Root, context.Console.Out, cancellationToken)
            .ConfigureAwait(false);
    }
}
