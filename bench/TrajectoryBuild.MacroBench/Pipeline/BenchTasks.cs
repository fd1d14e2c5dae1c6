using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Manifest;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>
/// The tasks of a bench manifest: every <c>swebench</c> source's JSON Lines file, read at plan time (as a build tool reads
/// its sources), each row hashed as its task's input. Read once per file and process: the engine plans in rounds.
/// </summary>
internal static class BenchTasks
{
    // Lazy: the stages of a round plan in parallel, and the first to ask reads the file while the others wait.
    private static readonly ConcurrentDictionary<string, Lazy<SourceTasks>> s_read = new(StringComparer.Ordinal);

    /// <summary>Every source (ordinal order) with its file digest and tasks (file order).</summary>
    public static IReadOnlyList<SourceTasks> Of(ManifestDocument manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifest.Path))!;
        var sources = new List<SourceTasks>();
        foreach (var (name, section) in (manifest.Root["sources"] as JsonObject ?? []).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var path = section?["path"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"bench source '{name}' has no path: the bench pipeline reads swebench-style JSON Lines files");
            var full = Path.GetFullPath(path, folder);
            sources.Add(s_read.GetOrAdd($"{name}\n{full}", _ => new Lazy<SourceTasks>(() => Read(name, full))).Value);
        }

        return sources;
    }

    private static SourceTasks Read(string source, string path)
    {
        var bytes = File.ReadAllBytes(path);
        var tasks = new List<BenchTask>();
        var rest = bytes.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            var (id, repo, commit) = Fields(line);
            tasks.Add(new BenchTask(source, id, repo, commit, Digest.Of(line)));
        }

        return new SourceTasks(source, Digest.Of(bytes), tasks);
    }

    private static (string Id, string Repo, string Commit) Fields(ReadOnlySpan<byte> line)
    {
        string? id = null, repo = null, commit = null;
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "instance_id":
                    id = reader.GetString();
                    break;
                case "repo":
                    repo = reader.GetString();
                    break;
                case "base_commit":
                    commit = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return id is null || repo is null || commit is null
            ? throw new InvalidOperationException("a bench task row lacks instance_id, repo or base_commit")
            : (id, repo, commit);
    }
}
