using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Manifest;

/// <summary>
/// The manifests and environment files that passed the schema, kept in a small file of the build state: the digest
/// of each one's JSON form, together with this build of the program, its schema and its validator. A command run again
/// on an unchanged manifest does not validate it again, so the schema is not even loaded: NJsonSchema's parser took
/// about 0.2 s of every command's start (the demo's plan from its stamp: 0.45 s before, 0.27 s with the memo). Only
/// documents without errors are kept, and only when the whole manifest loads; validating gives the same answer with or
/// without the memo, so a stale or lost memo costs time, never a wrong answer. A memo that cannot be read or written is
/// no memo.
/// </summary>
public sealed class SchemaMemo
{
    /// <summary>The memo's file in the state folder.</summary>
    public const string FileName = "schema-valid";

    // The most recent documents kept: a manifest, its environment files and a few earlier versions of each.
    internal const int Kept = 32;

    private static readonly Lazy<string> s_program = new(Program, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _path;
    private readonly List<string> _digests;
    private readonly List<string> _passed = [];
    private readonly Lock _gate = new();

    /// <summary>A memo kept in <paramref name="stateDirectory"/> (created when the first document is kept).</summary>
    public SchemaMemo(string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        _path = Path.Combine(stateDirectory, FileName);
        _digests = Read(_path);
    }

    /// <summary>The memo's key for <paramref name="root"/>, validated against the schema's <paramref name="part"/> (null: the whole manifest).</summary>
    internal static string KeyOf(string? part, JsonObject root) => Digest.OfText($"{s_program.Value}\n{part}\n{root.ToJsonString()}");

    /// <summary>True when a document with this key passed the schema.</summary>
    internal bool Contains(string key)
    {
        lock (_gate)
        {
            return _digests.Contains(key);
        }
    }

    /// <summary>Notes that the document with this key passed the schema; <see cref="Keep"/> writes it down.</summary>
    internal void Passed(string key)
    {
        lock (_gate)
        {
            _passed.Add(key);
        }
    }

    /// <summary>
    /// Keeps the documents that passed as the newest (the oldest beyond <see cref="Kept"/> are dropped). The loader calls
    /// it when the whole manifest loaded without errors, so a command that fails on its manifest writes nothing.
    /// </summary>
    internal void Keep()
    {
        string text;
        lock (_gate)
        {
            var added = _passed.Where(key => !_digests.Contains(key)).Distinct(StringComparer.Ordinal).ToList();
            _passed.Clear();
            if (added.Count == 0)
            {
                return;
            }

            _digests.AddRange(added);
            if (_digests.Count > Kept)
            {
                _digests.RemoveRange(0, _digests.Count - Kept);
            }

            text = string.Join('\n', _digests) + "\n";
        }

        // Written as every file of the state is (a temporary file, flushed, renamed over the memo): a reader sees the
        // old memo or the new one.
        try
        {
            AtomicFile.WriteAllBytes(_path, Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No memo this time: the next command validates again.
        }
    }

    private static List<string> Read(string path)
    {
        try
        {
            return [.. File.ReadLines(path).Where(Digest.IsWellFormed).TakeLast(Kept)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // What decides whether a document passes: this library's build, the schema it embeds, and the validator's builds.
    private static string Program() => string.Join(
        '\n',
        typeof(SchemaMemo).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(NJsonSchema.JsonSchema).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        typeof(Newtonsoft.Json.JsonConvert).Assembly.ManifestModule.ModuleVersionId.ToString("N"),
        Digest.OfText(EmbeddedSchema.ReadText()));
}
