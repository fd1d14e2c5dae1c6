using System.Collections.Concurrent;
using System.Security.Cryptography;
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

    // Streamed, as the Mine stage reads a task file: the 140 MB file of 100,000 tasks was one array. Not through
    // the Mine stage's HashingLineReader: it is asynchronous, and driven synchronously from a stage's Plan (which
    // the stages of a round call on every core) it held the planning threads waiting on the thread pool: the
    // one-change plan took 7.6 s instead of 4.3 s.
    internal static SourceTasks Read(string source, string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tasks = new List<BenchTask>();
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = file.Read(buffer, length, buffer.Length - length);
            hash.AppendData(buffer, length, read);
            length += read;
            var rest = buffer.AsSpan(0, length);
            for (var end = rest.IndexOf((byte)'\n'); end >= 0 || (read == 0 && !rest.IsEmpty); end = rest.IndexOf((byte)'\n'))
            {
                var line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (!line.IsEmpty)
                {
                    var (id, repo, commit) = Fields(line);
                    tasks.Add(new BenchTask(source, id, repo, commit, Digest.Of(line)));
                }
            }

            if (read == 0)
            {
                return new SourceTasks(source, Convert.ToHexStringLower(hash.GetHashAndReset()), tasks);
            }

            rest.CopyTo(buffer);
            length = rest.Length;
        }
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
