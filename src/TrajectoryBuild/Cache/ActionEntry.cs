using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Cache;

/// <summary>The action-cache record of one successful target execution, stored under its key.</summary>
/// <remarks>
/// A plan reads one entry per target and rarely looks at its preimage (only to explain a change), so an entry read
/// from the cache keeps its preimage as the stored JSON bytes and parses them on first use.
/// </remarks>
public sealed class ActionEntry
{
    internal const int FormatVersion = 1;

    private readonly ReadOnlyMemory<byte> _preimageJson;
    private readonly LocalCache? _source;
    private JsonObject? _preimage;

    /// <summary>Creates an entry.</summary>
    /// <param name="key">The target key (SHA-256 of <paramref name="preimage"/>).</param>
    /// <param name="targetId">The target that produced it.</param>
    /// <param name="outputs">Output files by relative path.</param>
    /// <param name="logDigest">Digest of the captured log blob.</param>
    /// <param name="preimage">The canonical preimage the key was computed from (kept so a later change can be explained).</param>
    public ActionEntry(string key, string targetId, IReadOnlyDictionary<string, OutputFile> outputs, string logDigest, JsonObject preimage)
        : this(key, targetId, outputs, logDigest, ReadOnlyMemory<byte>.Empty) =>
        _preimage = preimage ?? throw new ArgumentNullException(nameof(preimage));

    private ActionEntry(string key, string targetId, IReadOnlyDictionary<string, OutputFile> outputs, string logDigest, ReadOnlyMemory<byte> preimageJson)
    {
        Key = key;
        TargetId = targetId;
        Outputs = outputs;
        LogDigest = logDigest;
        _preimageJson = preimageJson;
    }

    private ActionEntry(string key, string targetId, IReadOnlyDictionary<string, OutputFile> outputs, string logDigest, LocalCache source)
        : this(key, targetId, outputs, logDigest, ReadOnlyMemory<byte>.Empty) =>
        _source = source;

    /// <summary>An entry answered by the <see cref="ActionIndex"/>: its preimage is read from <paramref name="source"/> on first use.</summary>
    internal static ActionEntry Indexed(string key, string targetId, IReadOnlyDictionary<string, OutputFile> outputs, string logDigest, LocalCache source) =>
        new(key, targetId, outputs, logDigest, source);

    /// <summary>The target key (SHA-256 of <see cref="Preimage"/>).</summary>
    public string Key { get; }

    /// <summary>The target that produced it.</summary>
    public string TargetId { get; }

    /// <summary>Output files by relative path.</summary>
    public IReadOnlyDictionary<string, OutputFile> Outputs { get; }

    /// <summary>Digest of the captured log blob.</summary>
    public string LogDigest { get; }

    /// <summary>The canonical preimage the key was computed from (kept so a later change can be explained).</summary>
    public JsonObject Preimage
    {
        get
        {
            if (_preimage is { } parsed)
            {
                return parsed;
            }

            // Stored bytes were checked to be one JSON object when the entry was read; an indexed entry reads them now.
            var fresh = _source is null ? (JsonObject)JsonNode.Parse(_preimageJson.Span)! : _source.ReadPreimage(Key);
            return Interlocked.CompareExchange(ref _preimage, fresh, null) ?? fresh;
        }
    }

    internal JsonObject ToJson()
    {
        var outputs = new JsonObject();
        foreach (var (name, file) in Outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            outputs[name] = new JsonObject { ["digest"] = file.Digest, ["size"] = file.Size };
        }

        return new JsonObject
        {
            ["format"] = FormatVersion,
            ["key"] = Key,
            ["target"] = TargetId,
            ["outputs"] = outputs,
            ["log"] = LogDigest,
            ["preimage"] = Preimage.DeepClone(),
        };
    }

    /// <summary>Reads a stored entry; null when it is not one this version wrote (any field missing or of the wrong type).</summary>
    /// <exception cref="JsonException">The bytes are not valid JSON.</exception>
    internal static ActionEntry? FromJson(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        int? format = null;
        string? key = null, target = null, log = null;
        OutputMap? outputs = null;
        ReadOnlyMemory<byte>? preimage = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueSpan.Length switch
            {
                3 when reader.ValueTextEquals("key"u8) => Field.Key,
                3 when reader.ValueTextEquals("log"u8) => Field.Log,
                6 when reader.ValueTextEquals("format"u8) => Field.Format,
                6 when reader.ValueTextEquals("target"u8) => Field.Target,
                7 when reader.ValueTextEquals("outputs"u8) => Field.Outputs,
                8 when reader.ValueTextEquals("preimage"u8) => Field.Preimage,
                _ => Field.Other,
            };
            reader.Read();
            var type = reader.TokenType;
            switch (field)
            {
                case Field.Format when type == JsonTokenType.Number && reader.TryGetInt32(out var number):
                    format = number;
                    break;
                case Field.Key when type == JsonTokenType.String:
                    key = reader.GetString();
                    break;
                case Field.Target when type == JsonTokenType.String:
                    target = reader.GetString();
                    break;
                case Field.Log when type == JsonTokenType.String:
                    log = reader.GetString();
                    break;
                case Field.Outputs when type == JsonTokenType.StartObject:
                    outputs = ReadOutputs(ref reader);
                    if (outputs is null)
                    {
                        return null;
                    }

                    break;
                case Field.Preimage when type == JsonTokenType.StartObject:
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    preimage = json[start..(int)reader.BytesConsumed];
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        // Anything after the root object (not whitespace) makes Read throw, as a whole-document parse would.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        return format == FormatVersion && key is not null && target is not null && log is not null && outputs is not null && preimage is { } bytes
            ? new ActionEntry(key, target, outputs, log, bytes)
            : null;
    }

    // The reader is on the outputs' StartObject; leaves it on their EndObject. Null when an output lacks its digest or size.
    private static OutputMap? ReadOutputs(ref Utf8JsonReader reader)
    {
        var names = new List<string>(1);
        var files = new List<OutputFile>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? digest = null;
            long? size = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isDigest = reader.ValueTextEquals("digest"u8);
                var isSize = reader.ValueTextEquals("size"u8);
                reader.Read();
                if (isDigest && reader.TokenType == JsonTokenType.String)
                {
                    digest = reader.GetString();
                }
                else if (isSize && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var bytes))
                {
                    size = bytes;
                }
                else
                {
                    reader.Skip();
                }
            }

            if (digest is null || size is not { } length)
            {
                return null;
            }

            names.Add(name);
            files.Add(new OutputFile(digest, length));
        }

        return OutputMap.Of([.. names], [.. files]);
    }

    private enum Field
    {
        Other,
        Format,
        Key,
        Target,
        Outputs,
        Log,
        Preimage,
    }
}
