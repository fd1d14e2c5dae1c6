using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrajectoryBuild.ImportBench.Corpus;

/// <summary>
/// Generates the corpus once under <c>artifacts/bench/import-corpus/&lt;key&gt;/</c>, where the key hashes the generator
/// version, the size, the formats and the sample files: a rerun with the same inputs finds it and reads its list
/// (<c>corpus.tsv</c>, written last) instead of generating again. The same inputs always give the same bytes.
/// </summary>
internal static class CorpusBuilder
{
    public const int GeneratorVersion = 3;

    private const ulong Seed = 0x7472616A6275696CUL;
    private const long ShardBytes = 32L << 20;
    private const string ListName = "corpus.tsv";

    // The samples that are text (JSON, JSON Lines, Markdown); binary ones (Parquet) give no lines to draw from.
    private static readonly string[] s_sampleEndings = [".json", ".jsonl", ".traj", ".md"];

    public static IReadOnlyList<FormatCorpus> Ensure(string root, int sizeMb, IReadOnlyList<CorpusFormat> formats, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(log);
        var samples = Samples(root);
        var folder = Path.Combine(root, "artifacts", "bench", "import-corpus", Key(sizeMb, formats, samples));
        var list = Path.Combine(folder, ListName);
        if (File.Exists(list))
        {
            log.WriteLine($"corpus: cached at {Path.GetRelativePath(root, folder)}");
            return Read(folder, formats);
        }

        log.WriteLine($"corpus: generating {sizeMb} MB under {Path.GetRelativePath(root, folder)} ...");
        var partial = folder + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        var pool = TextPool.Load(samples);
        var weights = formats.Sum(f => f.Weight);
        var generated = new FormatCorpus[formats.Count];
        Parallel.For(0, formats.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var target = (long)sizeMb * 1_000_000 * formats[i].Weight / weights;
            generated[i] = Generate(Path.Combine(partial, formats[i].Name), formats[i], target, pool);
        });

        var lines = generated.SelectMany(g => g.Files.Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{g.Format.Name}\t{Path.GetRelativePath(partial, f.Path)}\t{f.Bytes}\t{f.Records}")
            + (f.Twin is null ? "" : "\t" + Path.GetRelativePath(partial, f.Twin))));
        File.WriteAllLines(Path.Combine(partial, ListName), lines);
        Directory.Move(partial, folder);
        return Read(folder, formats);
    }

    /// <summary>The real sample files the text pool is drawn from, in ordinal order.</summary>
    public static List<string> Samples(string root) =>
        [.. Directory.GetFiles(Path.Combine(root, "tests", "TrajectoryBuild.Trajectories.Tests", "Data"))
            .Where(f => !f.EndsWith("README.md", StringComparison.Ordinal) && s_sampleEndings.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)];

    private static FormatCorpus Generate(string folder, CorpusFormat format, long targetBytes, TextPool pool)
    {
        Directory.CreateDirectory(folder);
        var rng = new Rng(Seed ^ Fnv(format.Name));
        var maker = new EpisodeMaker(pool);
        var files = new List<CorpusFile>();
        long bytes = 0;
        var index = 0;
        var generator = format.Generator;
        if (generator is ParquetShards parquet)
        {
            return GenerateParquet(folder, format, parquet, targetBytes, rng, maker);
        }

        var rows = generator.Extension == ".jsonl";
        while (bytes < targetBytes)
        {
            var recordRng = rng.Fork();
            var episode = maker.Make(recordRng, index++);
            var path = Path.Combine(folder, rows
                ? string.Create(CultureInfo.InvariantCulture, $"shard-{files.Count:D4}.jsonl")
                : episode.InstanceId + generator.Extension);
            var records = 0;
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            using (var writer = new Utf8JsonWriter(stream, generator.Options))
            {
                while (true)
                {
                    generator.Write(writer, episode, recordRng);
                    writer.Flush();
                    writer.Reset();
                    stream.WriteByte((byte)'\n');
                    records++;
                    if (!rows || stream.Length >= ShardBytes || bytes + stream.Length >= targetBytes)
                    {
                        break;
                    }

                    recordRng = rng.Fork();
                    episode = maker.Make(recordRng, index++);
                }
            }

            bytes += stream.Length;
            files.Add(new CorpusFile(path, stream.Length, records));
        }

        return new FormatCorpus(format, files);
    }

    // Rows rendered as JSON Lines (kept as the Python baseline's twin, under python/), cut into Parquet shards of at
    // most ShardBytes of those rows; the part's size counts the Parquet bytes.
    private static FormatCorpus GenerateParquet(string folder, CorpusFormat format, ParquetShards generator, long targetBytes, Rng rng, EpisodeMaker maker)
    {
        var twins = Path.Combine(folder, "python");
        Directory.CreateDirectory(twins);
        var files = new List<CorpusFile>();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
        using var writer = new Utf8JsonWriter(buffer, generator.Options);
        long bytes = 0;
        var index = 0;
        while (bytes < targetBytes)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"shard-{files.Count:D4}");
            var twin = Path.Combine(twins, name + ".jsonl");
            var lines = new List<byte[]>();
            long lineBytes = 0;
            using (var twinStream = new FileStream(twin, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                // A shard's rows, about a Parquet file's worth of the target after compression (a third of the JSON).
                while (lineBytes < ShardBytes && bytes + (lineBytes / 3) < targetBytes)
                {
                    var recordRng = rng.Fork();
                    var episode = maker.Make(recordRng, index++);
                    buffer.ResetWrittenCount();
                    writer.Reset(buffer);
                    generator.Write(writer, episode, recordRng);
                    writer.Flush();
                    lines.Add(buffer.WrittenSpan.ToArray());
                    twinStream.Write(buffer.WrittenSpan);
                    twinStream.WriteByte((byte)'\n');
                    lineBytes += buffer.WrittenCount + 1;
                }
            }

            var path = Path.Combine(folder, name + generator.Extension);
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                generator.WriteShard(lines, stream);
            }

            var length = new FileInfo(path).Length;
            bytes += length;
            files.Add(new CorpusFile(path, length, lines.Count) { Twin = twin });
        }

        return new FormatCorpus(format, files);
    }

    private static List<FormatCorpus> Read(string folder, IReadOnlyList<CorpusFormat> formats)
    {
        var files = File.ReadAllLines(Path.Combine(folder, ListName))
            .Select(l => l.Split('\t'))
            .Select(p => (Format: p[0], File: new CorpusFile(Path.Combine(folder, p[1]), long.Parse(p[2], CultureInfo.InvariantCulture), int.Parse(p[3], CultureInfo.InvariantCulture))
            {
                Twin = p.Length > 4 ? Path.Combine(folder, p[4]) : null,
            }))
            .ToList();
        return [.. formats.Select(f => new FormatCorpus(f, [.. files.Where(x => x.Format == f.Name).Select(x => x.File)]))];
    }

    private static string Key(int sizeMb, IReadOnlyList<CorpusFormat> formats, List<string> samples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"generator {GeneratorVersion}\nsize {sizeMb} MB\nformats {string.Join(",", formats.Select(f => $"{f.Name}:{f.Weight}"))}\n")));
        foreach (var sample in samples)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(sample) + "\n"));
            hash.AppendData(File.ReadAllBytes(sample));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{sizeMb}mb-{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}");
    }

    private static ulong Fnv(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
