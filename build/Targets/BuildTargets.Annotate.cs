using Build.Host;

namespace Build.Targets;

/// <summary>Annotate: the annotation server for the demo (trajbuild annotate serve, in-process, until Ctrl+C).</summary>
internal static partial class BuildTargets
{
    private static Task AnnotateAsync(BuildContext context, CancellationToken cancellationToken) =>
        RunCliAsync(["annotate", "serve"], context, cancellationToken);
}
