using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Mining.Sources;

/// <summary>
/// Reads a SWE-bench-style dataset file (<c>.jsonl</c>, <c>.json</c> or <c>.parquet</c>, as the Hugging Face datasets
/// store them) into tasks and rejections. The snapshot digest is the SHA-256 of the file's bytes.
/// </summary>
internal static class SweBenchFileSource
{
    public const string Kind = "swebench";

    public static async Task<SourceReadResult> ReadAsync(
        string sourceName,
        string filePath,
        string displayPath,
        IReadOnlySet<string>? instanceIds,
        IReadOnlySet<string>? repos,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filePath);
        if (!File.Exists(filePath))
        {
            throw new SourceReadException($"source '{sourceName}': dataset file '{displayPath}' does not exist");
        }

        var collector = new RowCollector(new TaskRowParser(sourceName, Kind), instanceIds, repos);
        var extension = Path.GetExtension(filePath).ToLowerInvariant();
        var digest = extension switch
        {
            ".jsonl" => await ReadJsonLinesAsync(filePath, displayPath, collector, cancellationToken).ConfigureAwait(false),
            ".json" => await ReadJsonAsync(sourceName, filePath, displayPath, collector, cancellationToken).ConfigureAwait(false),
            ".parquet" => await ParquetRows.ReadAsync(sourceName, filePath, displayPath, collector, cancellationToken).ConfigureAwait(false),
            _ => throw new SourceReadException($"source '{sourceName}': '{displayPath}' has an unknown extension '{extension}' (expected .jsonl, .json or .parquet)"),
        };
        return collector.ToResult(digest);
    }

    /// <summary>One row per line; a bad line is one rejection and reading goes on. Returns the file digest.</summary>
    internal static async Task<string> ReadJsonLinesAsync(string filePath, string displayPath, RowCollector collector, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(filePath);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new HashingLineReader(stream);
            await foreach (var (number, line) in reader.ReadLinesAsync(cancellationToken).ConfigureAwait(false))
            {
                var origin = string.Create(CultureInfo.InvariantCulture, $"{displayPath}#L{number}");
                if (!RowJson.TryDecode(line, out var text, out var error))
                {
                    collector.Reject(origin, error);
                }
                else if (!string.IsNullOrWhiteSpace(text))
                {
                    collector.AddText(text, origin);
                }
            }

            return reader.Digest();
        }
    }

    /// <summary>An array of rows, <c>{"rows": [...]}</c> (also the datasets-server form with <c>row</c> wrappers), or one row.</summary>
    internal static async Task<string> ReadJsonAsync(string sourceName, string filePath, string displayPath, RowCollector collector, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(filePath, cancellationToken).ConfigureAwait(false);
        if (!RowJson.TryDecode(bytes, out var text, out var error) || !RowJson.TryParse(text, out var node, out error))
        {
            throw new SourceReadException($"source '{sourceName}': '{displayPath}' is {error}");
        }

        var rows = node switch
        {
            JsonArray array => array,
            JsonObject obj when RowJson.HasReadableKeys(obj) && obj["rows"] is JsonArray array => array,
            JsonObject => null,
            _ => throw new SourceReadException($"source '{sourceName}': '{displayPath}' holds neither rows nor a row"),
        };
        if (rows is null)
        {
            collector.Add((JsonObject)node, displayPath);
            return Digest.Of(bytes);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var origin = string.Create(CultureInfo.InvariantCulture, $"{displayPath}#{i}");
            var item = rows[i] is JsonObject { Count: 2 } wrapper && RowJson.Unreadable(wrapper) is null && wrapper.ContainsKey("row") && wrapper.ContainsKey("row_idx") ? wrapper["row"] : rows[i];
            if (item is JsonObject row)
            {
                collector.Add(row, origin);
            }
            else
            {
                collector.Reject(origin, $"a row must be a JSON object, found {item?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
            }
        }

        return Digest.Of(bytes);
    }
}
