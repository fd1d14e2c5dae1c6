using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Explain;
using TrajectoryBuild.Manifest;
using TrajectoryBuild.Stages;
using TrajectoryBuild.State;

namespace TrajectoryBuild.Scheduling;

/// <summary>
/// What lets a no-op plan skip planning, as <c>ninja -n</c> does: after a plan that found every target FRESH, the
/// engine keeps the plan with the <see cref="FileStamp"/> of everything it read: the manifest, every file or folder a
/// string of the manifest names (folders with all they hold), what the stages describe (<see cref="IPlanInputs"/>),
/// the lock, the cache's folders (an entry or blob added, replaced or removed changes its folder) and the program's
/// assemblies; and the digest of the world around them: the environment variables, the working folder, the options,
/// the stages and their versions, the stages' facts. The next plan stats those paths and, when nothing moved,
/// answers with the kept plan. Racy stamps are never kept (git's rule): a path changed at or after the moment the
/// observation began could change again within the same clock tick unseen.
/// <para>
/// When only the plan's inputs moved (the manifest's document, the files it names, the stages' facts) and the lock, the
/// cache and the program did not, the kept plan is the base of the next one: every target's fingerprint
/// (<see cref="TargetFingerprint"/>) is kept beside it, and a target declared the same as then, reading only such
/// targets, is FRESH with its kept key without being keyed or looked up again.
/// </para>
/// </summary>
internal sealed partial class PlanStamp
{
    private const string Magic = "trajbuild plan stamp 4";
    private const int WalkBudget = 500_000;

    // Set by the shell or the terminal, read by no plan: they differ between two terminals on one workspace.
    private static readonly HashSet<string> s_volatileVariables = new(
        ["_", "OLDPWD", "SHLVL", "PWD", "TERM", "COLORTERM", "COLUMNS", "LINES", "SSH_CLIENT", "SSH_CONNECTION", "SSH_TTY", "TMUX", "TMUX_PANE", "STY", "WINDOW", "WINDOWID", "DISPLAY", "XAUTHORITY", "LS_COLORS", "PS1"],
        StringComparer.Ordinal);

    private readonly string _path;
    private readonly string _world;
    private readonly string _inputs;
    private readonly IReadOnlyList<string> _watched;
    private readonly string _stateDirectory;
    private readonly string _lockPath;
    private readonly string _cacheDirectory;
    private readonly string _programDirectory;

    private PlanStamp(string path, string world, string inputs, IReadOnlyList<string> watched, BuildOptions options)
    {
        _path = path;
        _world = world;
        _inputs = inputs;
        _watched = watched;
        _stateDirectory = Path.GetFullPath(options.StateDirectory);
        _lockPath = Path.GetFullPath(options.LockPath);
        _cacheDirectory = Path.GetFullPath(options.CacheDirectory);
        _programDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(AppContext.BaseDirectory));
    }

    /// <summary>The stamp of this manifest and these options, or null where stamps are off or unsupported.</summary>
    public static PlanStamp? For(Pipeline pipeline, ManifestDocument manifest, BuildOptions options)
    {
        if (!options.PlanStamps || !FileStamp.Supported)
        {
            return null;
        }

        var stages = pipeline.UpTo(options.LastStage);
        var inputs = new PlanInputs();
        foreach (var stage in stages.OfType<IPlanInputs>())
        {
            stage.DescribePlanInputs(manifest, inputs);
        }

        var watched = new SortedSet<string>(StringComparer.Ordinal) { Path.GetFullPath(manifest.Path), Path.Combine(manifest.BaseDirectory, EnvironmentFolder.RelativePath) };
        foreach (var text in Strings(manifest.Root))
        {
            if (text.Length > 0 && TryResolve(manifest.BaseDirectory, text) is { } resolved)
            {
                watched.Add(resolved);
            }
        }

        watched.UnionWith(inputs.Paths);
        // The program: its assemblies and their runtime and dependency settings.
        watched.UnionWith(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.json")).Select(Path.GetFullPath));

        // The world: what, changed, makes the kept plan no base for the next one (every target's status may move).
        var world = new StringBuilder(Magic).Append('\n');
        world.Append("cwd\t").Append(Environment.CurrentDirectory).Append('\n');
        world.Append("manifest\t").Append(Path.GetFullPath(manifest.Path)).Append('\n');
        world.Append("epoch\t").Append(manifest.Root["epoch"]?.GetValue<long>() ?? 0).Append('\n');
        world.Append("lock\t").Append(Path.GetFullPath(options.LockPath)).Append('\n');
        world.Append("state\t").Append(Path.GetFullPath(options.StateDirectory)).Append('\n');
        world.Append("cache\t").Append(Path.GetFullPath(options.CacheDirectory)).Append('\n');
        world.Append("last\t").Append(options.LastStage).Append('\n');
        world.Append("datasets\t").AppendJoin(',', options.Datasets ?? []).Append('\n');
        foreach (var stage in stages)
        {
            world.Append("stage\t").Append(stage.Name).Append('\t').Append(stage.Version).Append('\t').Append(stage.Role).Append('\t').Append(stage.GetType().FullName).Append('\n');
        }

        var variables = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value ?? string.Empty))
            .Where(e => !s_volatileVariables.Contains(e.Item1))
            .OrderBy(e => e.Item1, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            world.Append("env\t").Append(name).Append('=').Append(Escaped(value)).Append('\n');
        }

        // The plan's inputs: what, changed, the stages plan again from, with the kept plan as their base.
        var read = new StringBuilder();
        read.Append("manifest\t").Append(Keys.Digest.OfText(manifest.Root.ToJsonString())).Append('\n');
        foreach (var (name, value) in inputs.Facts)
        {
            read.Append("fact\t").Append(Escaped(name)).Append('\t').Append(Escaped(value)).Append('\n');
        }

        foreach (var path in watched)
        {
            read.Append("watch\t").Append(path).Append('\n');
        }

        var identity = $"{Path.GetFullPath(manifest.Path)}\n{Path.GetFullPath(options.LockPath)}\n{options.LastStage}\n{string.Join(',', options.Datasets ?? [])}";
        var file = Path.Combine(options.StateDirectory, "plan", Keys.Digest.OfText(identity)[..16] + ".stamp");
        return new PlanStamp(file, Keys.Digest.OfText(world.ToString()), Keys.Digest.OfText(read.ToString()), [.. watched], options);
    }

    /// <summary>The kept plan when nothing it read has changed since; otherwise null (plan in full).</summary>
    public Kept? TryUse() => Read(asBase: false) is { Current: true } reading ? new Kept(reading.Plan, reading.LockHoldsOthers) : null;

    /// <summary>
    /// The kept plan, current when nothing it read has changed since, else only a base for the next plan; null when
    /// there is none, it is damaged, or the lock, the cache, the program or the world around them moved, and when it is
    /// not current and cannot serve as a base (<paramref name="asBase"/> false, or the lock held targets it did not list):
    /// then its targets are not read back.
    /// </summary>
    public Reading? Read(bool asBase = true) => Open(asBase)?.Read();

    /// <summary>
    /// What <see cref="Read"/> tells before it reads the targets back: whether the kept plan is current, and the way to
    /// read it (on another thread if need be). Null in the same cases.
    /// </summary>
    public Opened? Open(bool asBase = true)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (bytes.Length < 32)
        {
            return null;
        }

        try
        {
            // Another world (a variable, an option, a rebuilt program) is told by the header: no need to hash the rest.
            using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 32, writable: false), Encoding.UTF8);
            if (reader.ReadString() != Magic || reader.ReadString() != _world
                || !SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)))
            {
                return null;
            }

            var current = reader.ReadString() == _inputs;
            var observations = reader.ReadInt32();
            for (var i = 0; i < observations; i++)
            {
                var path = reader.ReadString();
                var recorded = FileStamp.ReadFrom(reader);
                if (FileStamp.Of(path) != recorded)
                {
                    if (Decides(path))
                    {
                        return null;
                    }

                    current = false;
                }
            }

            var lockHoldsOthers = reader.ReadBoolean();
            if (!current && (!asBase || lockHoldsOthers))
            {
                return null;
            }

            var offset = (int)reader.BaseStream.Position;
            return new Opened(bytes, offset, (int)reader.BaseStream.Length - offset, lockHoldsOthers, current);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    // The paths whose change makes the kept plan no base: the lock (every target's last key), the cache (whether an entry
    // is there) and the program (how targets are planned and keyed). The rest are read by the stages, which plan again.
    private bool Decides(string path) =>
        path.Equals(_lockPath, StringComparison.Ordinal) || IsWithin(path, _cacheDirectory) || IsWithin(path, _programDirectory);

    /// <summary>The paths a stamp file watches, in its order, with what each was (for audits and tests).</summary>
    public static IReadOnlyList<(string Path, FileKind Kind)> WatchedPaths(string stampFile)
    {
        using var reader = new BinaryReader(File.OpenRead(stampFile), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException($"{stampFile} is not a plan stamp");
        }

        reader.ReadString();
        reader.ReadString();
        var paths = new (string, FileKind)[reader.ReadInt32()];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = (reader.ReadString(), FileStamp.ReadFrom(reader).Kind);
        }

        return paths;
    }

    /// <summary>
    /// Starts a stamp before a full plan: takes the file system's clock (the temp file's own time), then the stamps of
    /// everything the plan will read. Null when they cannot all be taken (a path it may not read, too many files).
    /// </summary>
    public Observation? Begin()
    {
        if (FileStamp.TakeClock(_path, "tmp", keepFile: true) is not { } clock)
        {
            return null;
        }

        var observed = Observe();
        if (observed is null)
        {
            File.Delete(clock.File);
            return null;
        }

        return new Observation(clock.File, clock.ClockNs, observed);
    }

    /// <summary>
    /// Keeps <paramref name="plan"/> (of <paramref name="targets"/>, in its order) with the observation taken before it,
    /// when every target is FRESH and nothing observed changed at or after the observation began; otherwise leaves the
    /// stamp there was, which no longer answers a plan but stays the base of the next one. <paramref name="fingerprints"/>:
    /// the targets' fingerprints in that order when the plan has them already, else null (they are taken here).
    /// </summary>
    public void Commit(Observation observation, PlanReport plan, bool lockHoldsOthers, IReadOnlyList<TargetSpec> targets, UInt128[]? fingerprints = null)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(targets);
        try
        {
            var keep = plan.Pending.Count == 0 && targets.Count == plan.Targets.Count
                && plan.Targets.All(t => t.Status == TargetStatus.Fresh && t.Causes.Count == 0 && Keys.Digest.IsWellFormed(t.Key)
                    && t.TargetId.StartsWith(t.Stage + "/", StringComparison.Ordinal))
                && observation.Stamps.All(o => o.Stamp.LatestNs < observation.ClockNs);
            if (!keep)
            {
                return;
            }

            for (var i = 0; i < targets.Count; i++)
            {
                if (targets[i].Id != plan.Targets[i].TargetId)
                {
                    throw new ArgumentException($"the plan lists {plan.Targets[i].TargetId} where the targets have {targets[i].Id}", nameof(targets));
                }
            }

            if (fingerprints is null)
            {
                var taken = fingerprints = new UInt128[targets.Count];
                Parallel.For(0, targets.Count, i => taken[i] = TargetFingerprint.Of(targets[i]));
            }
            else if (fingerprints.Length != targets.Count)
            {
                throw new ArgumentException($"{fingerprints.Length} fingerprints for {targets.Count} targets", nameof(fingerprints));
            }

            var content = new MemoryStream();
            using (var writer = new BinaryWriter(content, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(_world);
                writer.Write(_inputs);
                writer.Write(observation.Stamps.Count);
                foreach (var (path, stamp) in observation.Stamps)
                {
                    writer.Write(path);
                    stamp.WriteTo(writer);
                }

                writer.Write(lockHoldsOthers);
                WritePlan(writer, plan, fingerprints);
            }

            using (var stream = new FileStream(observation.TempPath, FileMode.Truncate, FileAccess.Write, FileShare.None))
            {
                var written = content.GetBuffer().AsSpan(0, (int)content.Length);
                stream.Write(written);
                stream.Write(SHA256.HashData(written));
            }

            File.Move(observation.TempPath, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stamp is only a shortcut: without one the next plan is in full.
        }
        finally
        {
            File.Delete(observation.TempPath);
        }
    }

    // The stamps of everything a plan reads, in a fixed order; null when one cannot be taken or there are too many.
    private List<(string Path, FileStamp Stamp)>? Observe()
    {
        var stamps = new List<(string, FileStamp)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<(ulong, ulong)>();

        bool Visit(string path, bool walk)
        {
            if (!visited.Add(path))
            {
                return true;
            }

            if (stamps.Count >= WalkBudget || FileStamp.Of(path) is not { } stamp)
            {
                return false;
            }

            stamps.Add((path, stamp));
            if (!walk || stamp.Kind != FileKind.Directory || IsWithin(path, _stateDirectory) || !folders.Add((stamp.Device, stamp.Inode)))
            {
                return true;
            }

            string[] children;
            try
            {
                children = Directory.GetFileSystemEntries(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }

            Array.Sort(children, StringComparer.Ordinal);
            return children.All(child => Visit(child, walk: true));
        }

        if (!_watched.All(path => Visit(path, walk: true)) || !Visit(_lockPath, walk: false) || !Visit(_cacheDirectory, walk: false))
        {
            return null;
        }

        foreach (var part in new[] { Cache.LocalCache.ActionFolder, Cache.LocalCache.BlobFolder })
        {
            var folder = Path.Combine(_cacheDirectory, part);
            if (!Visit(folder, walk: false))
            {
                return null;
            }

            if (Directory.Exists(folder))
            {
                var shards = Directory.GetDirectories(folder);
                Array.Sort(shards, StringComparer.Ordinal);
                if (!shards.All(shard => Visit(shard, walk: false)))
                {
                    return null;
                }
            }
        }

        return stamps;
    }

    // One line per entry of the world: a value cannot pass for the end of one entry and the start of another.
    private static string Escaped(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);

    private static bool IsWithin(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal) || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string? TryResolve(string baseDirectory, string text)
    {
        try
        {
            return Path.GetFullPath(text, baseDirectory);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (_, value) in map)
                {
                    foreach (var text in Strings(value))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    foreach (var text in Strings(item))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return text;
                break;
        }
    }

    /// <summary>
    /// A kept plan, and whether the lock then held entries of the covered stages that the plan does not list (a build
    /// drops them; without any, a build from the stamp leaves the lock as it is).
    /// </summary>
    internal sealed record Kept(PlanReport Plan, bool LockHoldsOthers);

    /// <summary>
    /// A kept plan read back: <see cref="Kept"/>'s plan and flag, each target's fingerprint and upstream targets (as
    /// indices into the plan's targets, each earlier than its reader), and whether nothing it read has changed since
    /// (else it is only a base for the next plan).
    /// </summary>
    internal sealed record Reading(PlanReport Plan, bool LockHoldsOthers, UInt128[] Fingerprints, int[][] Upstream, bool Current);

    /// <summary>A kept plan whose header and file stamps were checked (<see cref="Open"/>), its targets not yet read back.</summary>
    internal sealed class Opened(byte[] bytes, int offset, int length, bool lockHoldsOthers, bool current)
    {
        // Let go once read: the stamp of 100,000 tasks is 47 MB, and the plan that read it goes on for seconds.
        private byte[]? _bytes = bytes;

        /// <summary>Whether nothing the kept plan read has changed since (else it is only a base for the next plan).</summary>
        public bool Current => current;

        /// <summary>Reads the targets back, once; null when they are damaged.</summary>
        /// <exception cref="InvalidOperationException">They were read already.</exception>
        public Reading? Read()
        {
            var content = Interlocked.Exchange(ref _bytes, null) ?? throw new InvalidOperationException("a kept plan's targets are read back once");
            try
            {
                // A current plan is the answer, nothing else is planned: its targets read back (about 5 bytes of objects
                // per byte of the stamp) live as long as it is used, so a collection meanwhile would only copy them. A
                // base is read as usual: the plan after it allocates as much again, and a region before it raised its peak.
                PlanReport plan;
                UInt128[] fingerprints;
                int[][] upstream;
                using (current ? BulkLoad.Expecting((5L * length) + (16 << 20)) : default)
                {
                    (plan, fingerprints, upstream) = ReadPlan(content, offset, length);
                }

                return new Reading(plan, lockHoldsOthers, fingerprints, upstream, current);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The stamps taken before a full plan, and the file system's time when taking them began. Disposing it removes its
    /// temp file, which <see cref="Commit"/> has renamed into the stamp if it kept one (a plan that failed keeps none).
    /// </summary>
    internal sealed record Observation(string TempPath, long ClockNs, IReadOnlyList<(string Path, FileStamp Stamp)> Stamps) : IDisposable
    {
        public void Dispose() => File.Delete(TempPath);
    }
}
