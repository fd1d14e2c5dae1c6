using System.Text.Json.Nodes;
using LibGit2Sharp;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Rollouts.Tests.Evaluation;

/// <summary>The demo's tasks (samples/tasks) with their real patches, and checkouts of their repositories at the base commit.</summary>
internal static class DemoTasks
{
    private static readonly Lazy<IReadOnlyList<JsonObject>> s_rows = new(() =>
        [.. File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "samples", "tasks", "tasks.jsonl")).Where(l => l.Length > 0).Select(l => (JsonObject)JsonNode.Parse(l)!)]);

    public static IReadOnlyList<JsonObject> Rows => s_rows.Value;

    public static JsonObject Row(string instanceId) => Rows.Single(r => r["instance_id"]!.GetValue<string>() == instanceId);

    /// <summary>Clones the task's repository into <paramref name="folder"/> at its base commit (a real git work tree).</summary>
    public static string Checkout(string instanceId, string folder)
    {
        var row = Row(instanceId);
        var bare = Path.Combine(RepositoryRoot.Path, "samples", "tasks", "repos", row["repo"]!.GetValue<string>() + ".git");
        Repository.Clone(bare, folder);
        using var repository = new Repository(folder);
        Commands.Checkout(repository, row["base_commit"]!.GetValue<string>());
        return folder;
    }

    /// <summary>The agents' patches recorded in samples/trajectories, by task: (instance id, file, patch).</summary>
    public static IEnumerable<(string InstanceId, string File, string Patch)> RecordedPatches()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "samples", "trajectories");
        foreach (var file in Directory.EnumerateFiles(folder, "*.traj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(File.ReadAllText(file));
            }
            catch (System.Text.Json.JsonException)
            {
                continue; // the demo's cut-off file: a trajectory-door case, not a patch
            }

            var infos = root!["attempts"] is JsonArray attempts ? attempts.Select(a => a!["info"]) : [root["info"]];
            foreach (var submission in infos.Select(i => i?["submission"]?.GetValue<string>()).OfType<string>())
            {
                yield return (Path.GetFileNameWithoutExtension(file), Path.GetRelativePath(folder, file), submission);
            }
        }
    }
}
