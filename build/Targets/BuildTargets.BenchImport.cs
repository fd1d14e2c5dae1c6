using Build.Host;
using Build.Processes;

namespace Build.Targets;

/// <summary>BenchImport: the import benchmark under bench/, run in Release with dotnet run; it needs python3, not Docker.</summary>
internal static partial class BuildTargets
{
    private static Task BenchImportAsync(BuildContext context, CancellationToken cancellationToken) =>
        ProcessRunner.RunCheckedAsync(
            ProcessRunner.Dotnet, BenchImportArguments.For(context.Parameters), context.Root, context.Console.Out, cancellationToken);
}
