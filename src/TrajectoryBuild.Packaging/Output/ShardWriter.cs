using System.Globalization;
using System.Text.Json;

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
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(config);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ShardRows, 1);
        if (options.Formats.Count == 0)
        {
            throw new ArgumentException("At least one shard format is required.", nameof(options));
        }

        var ordered = rows.OrderBy(r => r.Split, StringComparer.Ordinal).ThenBy(r => r.RecordId, StringComparer.Ordinal).ToList();
        var documents = new List<JsonDocument>(ordered.Count);
        try
        {
            for (var index = 0; index < ordered.Count; index++)
            {
                if (index > 0 && ordered[index - 1].Split == ordered[index].Split && ordered[index - 1].RecordId == ordered[index].RecordId)
                {
                    throw new ArgumentException($"Record id '{ordered[index].RecordId}' appears twice in split '{ordered[index].Split}' of config '{config}'.", nameof(rows));
                }

                var document = JsonDocument.Parse(ordered[index].Json, new JsonDocumentOptions { MaxDepth = 256 });
                documents.Add(document);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new ArgumentException($"Row '{ordered[index].RecordId}' of config '{config}' is not a JSON object.", nameof(rows));
                }
            }

            var columns = InferColumns(documents);
            var shards = new List<ShardFile>();
            foreach (var split in ordered.Select((row, index) => (row.Split, index)).GroupBy(item => item.Split, StringComparer.Ordinal))
            {
                var indices = split.Select(item => item.index).ToList();
                var count = (indices.Count + options.ShardRows - 1) / options.ShardRows;
                foreach (var format in options.Formats.Distinct().Order())
                {
                    for (var shard = 0; shard < count; shard++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var slice = indices.Skip(shard * options.ShardRows).Take(options.ShardRows).Select(i => documents[i].RootElement).ToList();
                        var path = ShardPath(config, split.Key, shard, count, format);
                        var bytes = format == ShardFileFormat.Jsonl ? Jsonl(slice) : await ParquetAsync(columns, slice, cancellationToken).ConfigureAwait(false);
                        var file = await OutputFiles.WriteAsync(root, path, bytes, slice.Count, cancellationToken).ConfigureAwait(false);
                        shards.Add(new ShardFile(split.Key, shard, count, format, file));
                    }
                }
            }

            return new ShardSet(config, columns, shards);
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
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
