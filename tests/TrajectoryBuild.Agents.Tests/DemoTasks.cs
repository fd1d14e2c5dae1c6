using System.Diagnostics;
using System.Text.Json.Nodes;
using TrajectoryBuild.Testing;

namespace TrajectoryBuild.Agents.Tests;

/// <summary>The embedded demo's tasks (samples/tasks) and their repositories, for rollouts on real code.</summary>
internal static class DemoTasks
{
    public static string ScriptsFolder => Path.Combine(RepositoryRoot.Path, "samples", "models", "scripted-demo");

    /// <summary>The task row of <paramref name="instanceId"/> from samples/tasks/tasks.jsonl.</summary>
    public static JsonObject Row(string instanceId) =>
        File.ReadLines(Path.Combine(RepositoryRoot.Path, "samples", "tasks", "tasks.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Single(row => row["instance_id"]!.GetValue<string>() == instanceId);

    /// <summary>The bare repository of a task (samples/tasks/repos/demo/NAME.git).</summary>
    public static string Repository(JsonObject row) =>
        Path.Combine(RepositoryRoot.Path, "samples", "tasks", "repos", row["repo"]!.GetValue<string>() + ".git");

    public static string BaseCommit(JsonObject row) => row["base_commit"]!.GetValue<string>();

    /// <summary>A checkout of the task's base commit with no later history, like the Clone stage's (a fresh git repository).</summary>
    public static string Checkout(JsonObject row, string folder)
    {
        Git(Path.GetDirectoryName(folder)!, "init", "-q", folder);
        Git(folder, "fetch", "-q", "--no-tags", Repository(row), BaseCommit(row));
        Git(folder, "-c", "advice.detachedHead=false", "checkout", "-q", "--detach", "FETCH_HEAD");
        return folder;
    }

    public static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }
}
