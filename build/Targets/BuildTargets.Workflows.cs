using Build.Host;
using Build.Workflows;

namespace Build.Targets;

/// <summary>Workflows: write the GitHub Actions workflows the build host generates (pipelines/*.yml).</summary>
internal static partial class BuildTargets
{
    private static async Task WorkflowsAsync(BuildContext context, CancellationToken cancellationToken)
    {
        foreach (var file in WorkflowFiles.Generate())
        {
            var path = Path.Combine(context.Root, file.RelativePath);
            var current = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
            if (current == file.Text)
            {
                context.Console.Out.WriteLine($"{file.RelativePath}: up to date");
                continue;
            }

            await File.WriteAllTextAsync(path, file.Text, cancellationToken).ConfigureAwait(false);
            context.Console.Out.WriteLine($"{file.RelativePath}: written");
        }

        var copies = Path.Combine(context.Root, WorkflowFiles.GitHubFolder);
        if (Directory.Exists(copies))
        {
            context.Console.Out.WriteLine($"Copy the files you use into {WorkflowFiles.GitHubFolder}/ too: the drift test compares those copies as well.");
        }
    }
}
