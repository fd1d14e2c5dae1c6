using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Importing;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Writes a config's rows as shards <c>data/&lt;config&gt;/&lt;split&gt;-NNNNN-of-NNNNN.&lt;ext&gt;</c>: rows ordered by split
/// then record id (ordinal), <see cref="ShardOptions.ShardRows"/> rows per shard, the shard count of each split known
/// before the first name is chosen. Output is byte-deterministic for the same rows.
/// </summary>
public static partial class ShardWriter
{
    /// <summary>Writes every shard of one config under <paramref name="root"/>.</summary>
    /// <param name="root">The output folder.</param>
    /// <param name="config">The config name; a folder under <c>data/</c>.</param>
    /// <param name="rows">The rows, in any order.</param>
    /// <param name="options">Rows per shard and formats.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The config's columns and the shards written.</returns>
    /// <exception cref="ArgumentException">A row is not a JSON object, two rows share a record id, or the options are invalid.</exception>
    public static async Task<ShardSet> WriteAsync(string root, string config, IEnumerable<ShardRow> rows, ShardOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = Begin(root, config, options);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var prepared = Prepare(config, row);
            writer.Add(prepared);
        }

        return await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts writing one config whose rows are given one at a time (<see cref="ConfigWriter.Add"/>), so that several
    /// configs can take their rows from one pass over the records. <see cref="WriteAsync"/> is this over a sequence.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    internal static ConfigWriter Begin(string root, string config, ShardOptions options)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ShardRows, 1);
        if (options.Formats.Count == 0)
        {
            throw new ArgumentException("At least one shard format is required.", nameof(options));
        }

        return new ConfigWriter(root, config, options);
    }

    /// <summary>
    /// <see cref="Prepare(string, ShardRow)"/> for a row built in memory, on any thread: written in
    /// <see cref="Corpora.CorpusJson"/>'s form (the bytes of <see cref="Corpora.CorpusJson.Utf8(JsonObject)"/>), each
    /// value's place noted as it is written; its columns are inferred from the row itself, not from its bytes parsed again.
    /// </summary>
    internal static PreparedRow Prepare(string split, string recordId, JsonObject row)
    {
        var places = new List<(string Name, int Start, int Length)>(row.Count);
        var bytes = new PooledBufferWriter(16 * 1024);
        try
        {
            Corpora.CorpusJson.Utf8(row, bytes, places);
            return new PreparedRow(new ShardRow(split, recordId, bytes.WrittenMemory), null, row, bytes.WrittenMemory, [.. places.Select(p => new NamedSlice(p.Name, p.Start, p.Length))], bytes);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Parses one row of <paramref name="config"/> and writes it compactly, on any thread: the part of adding a row that
    /// does not depend on the rows before it.
    /// </summary>
    /// <exception cref="ArgumentException">The row is not a JSON object.</exception>
    internal static PreparedRow Prepare(string config, ShardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var document = JsonDocument.Parse(row.Json, s_rowOptions);
        try
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException($"Row '{row.RecordId}' of config '{config}' is not a JSON object.", nameof(row));
            }

            // Written compactly a property at a time (the bytes of the whole row written at once), each value's place
            // in the bytes that are spilled noted as it is written.
            var written = new ArrayBufferWriter<byte>(row.Json.Length);
            var places = new List<NamedSlice>();
            using (var writer = new Utf8JsonWriter(written, Corpora.CorpusJson.WriterOptions))
            {
                writer.WriteStartObject();
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    var start = writer.BytesCommitted + writer.BytesPending;
                    property.Value.WriteTo(writer);
                    NamedSlice.Note(places, property.Name, start, writer.BytesCommitted + writer.BytesPending);
                }

                writer.WriteEndObject();
            }

            return new PreparedRow(row, document, null, written.WrittenMemory, [.. places]);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A row written compactly (<see cref="Prepare(string, ShardRow)"/>, <see cref="Prepare(string, string, JsonObject)"/>),
    /// with what its columns are inferred from (its bytes parsed, or the row it was written from), waiting for its writer.
    /// Disposing it lets go of the parsed document or the pooled bytes it was written to: its bytes are then gone.
    /// </summary>
    internal sealed class PreparedRow(ShardRow row, JsonDocument? document, JsonObject? built, ReadOnlyMemory<byte> compact, NamedSlice[] values, PooledBufferWriter? pooled = null) : IDisposable
    {
        public ShardRow Row => row;

        public ReadOnlyMemory<byte> Compact => compact;

        /// <summary>Where each top-level value is in <see cref="Compact"/>, a name once (the last of its name, as a lookup finds it).</summary>
        public NamedSlice[] Values => values;

        /// <summary>Adds the row's values to the inference of its config's columns.</summary>
        public void InferInto(ColumnInference inference)
        {
            if (built is not null)
            {
                inference.Add(built);
            }
            else
            {
                inference.Add(document!.RootElement);
            }
        }

        public void Dispose()
        {
            document?.Dispose();
            pooled?.Dispose();
        }
    }

    /// <summary>
    /// One config being written. Each row taken is written compactly to the spill (a JSON Lines file per split and
    /// shard's worth of rows) and forgotten; only its index entry (with where each top-level value is in its bytes)
    /// stays. <see cref="CompleteAsync"/> sorts the index and writes the shards, one per core at a time: a split whose
    /// rows came in the written order keeps its spill files as its JSON Lines shards (renamed, never copied); otherwise
    /// JSON Lines copies the rows' bytes in the written order. Parquet reads one row group at a time and takes each
    /// column's values from their places. Columns are inferred in the written order (split, then record id): the columns'
    /// order and the shapes of nested objects follow the first row that has them. Each split's rows are inferred as they
    /// come and the splits' inferences taken in split order, so splits may come interleaved; only when some split's rows
    /// came out of record id order are all rows read back once more for it.
    /// </summary>
    internal sealed class ConfigWriter : IDisposable
    {
        private readonly string _root;
        private readonly string _config;
        private readonly ShardOptions _options;
        private readonly RowSpill _spill;
        private readonly List<SpilledRow> _index = [];
        private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
        // Each split's columns, inferred as its rows come, its last row, and whether its rows came in record id order.
        // Such a split's rows were appended to the spill in the written order (its files are its JSON Lines shards), and
        // while every split's did, the config's columns are its splits' inferences taken in split order.
        private readonly SortedDictionary<string, (ColumnInference Inference, SpilledRow Last, bool InOrder)> _splits = new(StringComparer.Ordinal);

        internal ConfigWriter(string root, string config, ShardOptions options)
        {
            (_root, _config, _options) = (root, config, options);
            _spill = RowSpill.Open(root, options.ShardRows, hash: options.Formats.Contains(ShardFileFormat.Jsonl));
        }

        /// <summary>Takes one row (prepared on any thread); rows may come in any order.</summary>
        public void Add(PreparedRow row)
        {
            ArgumentNullException.ThrowIfNull(row);
            var split = _splits.TryGetValue(row.Row.Split, out var seen) ? seen.Inference : new ColumnInference();
            row.InferInto(split);
            var values = new ValueSlice[row.Values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var (name, start, length) = row.Values[i];
                if (!_names.TryGetValue(name, out var column))
                {
                    _names.Add(name, column = _names.Count);
                }

                values[i] = new ValueSlice(column, start, length);
            }

            var entry = new SpilledRow(row.Row.Split, row.Row.RecordId, _spill.Append(row.Row.Split, row.Compact), row.Compact.Length, values);
            _splits[entry.Split] = (split, entry, seen.Inference is null || (seen.InOrder && SpilledRow.Compare(seen.Last, entry) <= 0));
            _index.Add(entry);
        }

        /// <summary>Writes every shard of the config and returns its columns and shards.</summary>
        /// <exception cref="ArgumentException">Two rows share a record id in a split.</exception>
        public async Task<ShardSet> CompleteAsync(CancellationToken cancellationToken)
        {
            _spill.Seal();
            var index = _index;
            index.Sort(SpilledRow.Compare);
            for (var at = 1; at < index.Count; at++)
            {
                if (index[at - 1].Split == index[at].Split && index[at - 1].RecordId == index[at].RecordId)
                {
                    throw new ArgumentException($"Record id '{index[at].RecordId}' appears twice in split '{index[at].Split}' of config '{_config}'.");
                }
            }

            var inference = new ColumnInference();
            if (_splits.Values.All(split => split.InOrder))
            {
                foreach (var (_, split) in _splits)
                {
                    inference.Append(split.Inference);
                }
            }
            else
            {
                using var reader = _spill.OpenReader();
                foreach (var row in index)
                {
                    using var document = ReadRow(reader, row);
                    inference.Add(document.RootElement);
                }
            }

            var columns = inference.Result();

            // The shards, in split, format, index order. Each is made on its own (JSON Lines from the spill, Parquet from
            // its rows' values), as many at once as there are cores, and written in that order. A split whose rows came
            // in the written order has its JSON Lines shards in the spill already: each spill file is kept as one.
            var jobs = new List<ShardJob>();
            foreach (var split in index.GroupBy(row => row.Split, StringComparer.Ordinal))
            {
                var splitRows = split.ToList();
                var count = (splitRows.Count + _options.ShardRows - 1) / _options.ShardRows;
                var cameInOrder = _splits[split.Key].InOrder;
                foreach (var format in _options.Formats.Distinct().Order())
                {
                    for (var shard = 0; shard < count; shard++)
                    {
                        var slice = splitRows.GetRange(shard * _options.ShardRows, Math.Min(_options.ShardRows, splitRows.Count - (shard * _options.ShardRows)));
                        jobs.Add(new ShardJob(split.Key, shard, count, format, slice, Kept: format == ShardFileFormat.Jsonl && cameInOrder));
                    }
                }
            }

            var shards = new List<ShardFile>();
            var ids = columns.Select(c => _names[c.Name]).ToArray();
            var made = OrderedParallel.SelectAsync(jobs, job => MakeAsync(_root, _config, job, columns, ids, _spill, cancellationToken), Environment.ProcessorCount);
            await foreach (var shard in made.ConfigureAwait(false))
            {
                shards.Add(shard);
            }

            return new ShardSet(_config, columns, shards);
        }

        public void Dispose() => _spill.Dispose();
    }

    // One shard, written to its file: JSON Lines kept from the spill or copied from it a run of rows at a time, Parquet
    // made from it.
    private static async Task<ShardFile> MakeAsync(string root, string config, ShardJob job, IReadOnlyList<ShardColumn> columns, int[] ids, RowSpill spill, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = ShardPath(config, job.Split, job.Index, job.Count, job.Format);
        if (job.Kept)
        {
            return new ShardFile(job.Split, job.Index, job.Count, job.Format, spill.Keep(job.Rows[0].Place, job.Rows.Count, path));
        }

        var file = await OutputFiles.WriteAsync(
            root,
            path,
            job.Rows.Count,
            (stream, token) => job.Format == ShardFileFormat.Jsonl ? JsonLinesAsync(spill, job.Rows, stream, token) : ParquetAsync(columns, ids, spill, job.Rows, stream, token),
            cancellationToken).ConfigureAwait(false);
        return new ShardFile(job.Split, job.Index, job.Count, job.Format, file);
    }

    // The rows' bytes, each followed by a newline, read from the spill into one buffer and written a run at a time.
    private static async Task JsonLinesAsync(RowSpill spill, List<SpilledRow> rows, Stream stream, CancellationToken cancellationToken)
    {
        const int Run = 1 << 20;
        using var reader = spill.OpenReader();
        var buffer = ArrayPool<byte>.Shared.Rent(Run);
        try
        {
            var used = 0;
            foreach (var row in rows)
            {
                if (used > 0 && used + row.Length + 1 > buffer.Length)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                    used = 0;
                }

                if (row.Length + 1 > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(row.Length + 1);
                }

                reader.Read(row.Place, buffer.AsSpan(used, row.Length));
                buffer[used + row.Length] = (byte)'\n';
                used += row.Length + 1;
            }

            await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // One shard to write: its split, its index of the split's count, its format and its rows; kept when it is a spill file.
    private sealed record ShardJob(string Split, int Index, int Count, ShardFileFormat Format, List<SpilledRow> Rows, bool Kept);

    // How deep a row may nest: 256 levels, as the writer has always accepted (the reader's default is 64).
    private static readonly JsonDocumentOptions s_rowOptions = new() { MaxDepth = 256 };

    // One row read back from the spill and parsed (the document keeps the bytes it was given).
    private static JsonDocument ReadRow(RowSpill.Reader reader, SpilledRow row)
    {
        var bytes = new byte[row.Length];
        reader.Read(row.Place, bytes);
        return JsonDocument.Parse(bytes, s_rowOptions);
    }

    // Where one row's compact bytes are in the spill, and each of its top-level values in those bytes.
    private readonly record struct SpilledRow(string Split, string RecordId, RowSpill.RowPlace Place, int Length, ValueSlice[] Values)
    {
        // The written order: split, then record id (ordinal).
        public static int Compare(SpilledRow a, SpilledRow b) =>
            string.CompareOrdinal(a.Split, b.Split) is var split and not 0 ? split : string.CompareOrdinal(a.RecordId, b.RecordId);
    }

    /// <summary>The relative path of one shard: <c>data/&lt;config&gt;/&lt;split&gt;-NNNNN-of-NNNNN.&lt;ext&gt;</c>.</summary>
    /// <param name="config">The config name.</param>
    /// <param name="split">The split name.</param>
    /// <param name="index">0-based shard index.</param>
    /// <param name="count">Shards in the split.</param>
    /// <param name="format">The file format (extension <c>jsonl</c> or <c>parquet</c>).</param>
    /// <returns>The path with <c>/</c> separators.</returns>
    public static string ShardPath(string config, string split, int index, int count, ShardFileFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"data/{config}/{split}-{index:D5}-of-{count:D5}.{Extension(format)}");

    /// <summary>The file extension of a format, without the dot.</summary>
    /// <param name="format">The format.</param>
    /// <returns><c>jsonl</c> or <c>parquet</c>.</returns>
    public static string Extension(ShardFileFormat format) => format == ShardFileFormat.Jsonl ? "jsonl" : "parquet";
}
