using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Serialization;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Mining.Sources;

/// <summary>
/// Reads a Parquet dataset file row group by row group (Parquet.Net's untyped reader, so any column layout the
/// Hugging Face datasets write works: string columns, list&lt;string&gt; columns, nested structs), each row as a
/// <see cref="JsonObject"/> for <see cref="TaskRowParser"/>.
/// </summary>
internal static class ParquetRows
{
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    /// <summary>Adds every row to <paramref name="collector"/> (origin <c>file#index</c>); returns the file digest.</summary>
    public static async Task<string> ReadAsync(string sourceName, string filePath, string displayPath, RowCollector collector, CancellationToken cancellationToken)
    {
        var options = new ParquetOptions { TreatByteArrayAsString = true };
        var stream = File.OpenRead(filePath);
        await using (stream.ConfigureAwait(false))
        {
            var index = 0;
            var groups = await DecodeAsync(sourceName, displayPath, index, () => RowGroupCountAsync(stream, options, cancellationToken)).ConfigureAwait(false);
            for (var group = 0; group < groups; group++)
            {
                stream.Position = 0;
                var rows = await DecodeAsync(sourceName, displayPath, index, async () => (await ParquetSerializer.DeserializeUntypedAsync(stream, options, group, cancellationToken).ConfigureAwait(false)).Data).ConfigureAwait(false);
                foreach (var row in rows)
                {
                    collector.Add(ToObject(row), string.Create(CultureInfo.InvariantCulture, $"{displayPath}#{index++}"));
                }
            }

            stream.Position = 0;
            return await Digest.OfStreamAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> RowGroupCountAsync(Stream stream, ParquetOptions options, CancellationToken cancellationToken)
    {
        var reader = await ParquetReader.CreateAsync(stream, options, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return reader.RowGroupCount;
        }
    }

    /// <summary>
    /// Runs one Parquet.Net call on the file's bytes. A corrupt file makes it throw more than I/O and format errors
    /// (Thrift protocol errors, and null-reference, index and overflow errors from inside its decoders): any of them
    /// means the file cannot be read, and says so with the file's name.
    /// </summary>
    private static async Task<T> DecodeAsync<T>(string sourceName, string displayPath, int index, Func<Task<T>> decode)
    {
        try
        {
            return await decode().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new SourceReadException($"source '{sourceName}': '{displayPath}' cannot be read as Parquet (at row {index}): {e.Message}", e);
        }
    }

    internal static JsonObject ToObject(IEnumerable<KeyValuePair<string, object>> row)
    {
        var json = new JsonObject();
        foreach (var (key, value) in row)
        {
            json[key] = ToNode(value);
        }

        return json;
    }

    /// <summary>A Parquet value as JSON; doubles keep Python's form (3.0) so versions read as the dataset meant them.</summary>
    internal static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        ReadOnlyMemory<char> chars => JsonValue.Create(chars.ToString()),
        bool flag => JsonValue.Create(flag),
        sbyte or byte or short or ushort or int or uint or long => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong or decimal => JsonNode.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        float single => Real(single),
        double real => Real(real),
        DateTime time => JsonValue.Create(time.ToString("o", CultureInfo.InvariantCulture)),
        DateTimeOffset time => JsonValue.Create(time.ToString("o", CultureInfo.InvariantCulture)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        byte[] bytes => Bytes(bytes),
        ReadOnlyMemory<byte> bytes => Bytes(bytes.ToArray()),
        IEnumerable<KeyValuePair<string, object>> nested => ToObject(nested),
        IDictionary dictionary => new JsonObject(dictionary.Keys.Cast<object>().Select(k => KeyValuePair.Create(Convert.ToString(k, CultureInfo.InvariantCulture)!, ToNode(dictionary[k])))),
        IEnumerable items => new JsonArray(items.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonNode? Real(double number) =>
        double.IsFinite(number) ? JsonNode.Parse(TaskRowParser.PythonFloat(number)) : null;

    private static JsonValue Bytes(byte[] bytes)
    {
        try
        {
            return JsonValue.Create(s_strictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            return JsonValue.Create(Convert.ToBase64String(bytes));
        }
    }
}
