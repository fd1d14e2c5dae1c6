using System.Globalization;
using System.Text.Json.Nodes;
using TrajectoryBuild.Cache;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Keys;

/// <summary>
/// Builds a target's key preimage: exactly what the target depends on, nothing else (no time, no absolute
/// path, no thread count, no secret). The key is the SHA-256 of its canonical JSON.
/// </summary>
public static class Preimage
{
    /// <summary>The engine's key schema: bump it to re-key every target when the preimage layout changes.</summary>
    public const int EngineSchema = 1;

    /// <summary>Stands for an upstream output that is not built yet (plans only; never hashed into a stored key).</summary>
    public const string PendingDigest = "pending";

    /// <summary>Builds the preimage of <paramref name="target"/>.</summary>
    /// <param name="target">The target.</param>
    /// <param name="stageVersion">The implementation version of its stage.</param>
    /// <param name="epoch">The manifest epoch (a salt to disown cached results).</param>
    /// <param name="upstreamOutputs">Outputs of upstream targets by id; a missing id is recorded as pending.</param>
    public static JsonObject Build(TargetSpec target, int stageVersion, long epoch, Func<string, IReadOnlyDictionary<string, OutputFile>?> upstreamOutputs)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(upstreamOutputs);
        return Build(target, stageVersion, epoch, target.Upstream.Select(u => upstreamOutputs(u.TargetId)).ToArray());
    }

    /// <summary>
    /// Builds the preimage of <paramref name="target"/> from the outputs of each of its upstream references, in
    /// order (null for one not built yet).
    /// </summary>
    internal static JsonObject Build(TargetSpec target, int stageVersion, long epoch, IReadOnlyDictionary<string, OutputFile>?[] upstreamOutputs)
    {
        var upstream = new JsonObject();
        for (var i = 0; i < target.Upstream.Count; i++)
        {
            var reference = target.Upstream[i];
            var outputs = upstreamOutputs[i];
            upstream[reference.Name] = reference.Output is null
                ? outputs is null ? PendingDigest : AllOutputs(outputs)
                : outputs is null ? PendingDigest : OneOutput(target, reference, outputs);
        }

        return new JsonObject
        {
            ["schema"] = EngineSchema,
            ["epoch"] = epoch,
            ["stage"] = new JsonObject { ["name"] = target.Stage, ["version"] = stageVersion },
            ["target"] = target.Id,
            ["params"] = target.Params?.DeepClone(),
            ["facts"] = ToObject(target.Facts),
            ["inputs"] = ToObject(target.Inputs),
            ["upstream"] = upstream,
        };
    }

    /// <summary>The key of a preimage: SHA-256 of its canonical JSON.</summary>
    public static string KeyOf(JsonObject preimage) => Digest.Of(CanonicalJson.SerializeToUtf8(preimage));

    /// <summary>
    /// The key of the preimage <see cref="Build(TargetSpec, int, long, IReadOnlyDictionary{string, OutputFile}?[])"/>
    /// gives, written as canonical JSON straight from the target (a plan keys hundreds of thousands of targets, most of
    /// which never need the preimage itself); null while an upstream output is pending. Throws as that method does.
    /// </summary>
    internal static string? KeyOf(TargetSpec target, int stageVersion, long epoch, IReadOnlyDictionary<string, OutputFile>?[] upstreamOutputs)
    {
        // Checked in declaration order, as Build meets them: the same reference is named when one is missing an output.
        var references = target.Upstream;
        var pending = false;
        for (var i = 0; i < references.Count; i++)
        {
            if (upstreamOutputs[i] is null)
            {
                pending = true;
            }
            else if (references[i].Output is { } name && !upstreamOutputs[i]!.ContainsKey(name))
            {
                OneOutput(target, references[i], upstreamOutputs[i]!);
            }
        }

        if (pending)
        {
            return null;
        }

        // The upstream members by name, as the preimage's object keeps them: a name given twice keeps its last value.
        // Sorted only now: a dataset's target reads 100,001 outputs, and while one is pending it has no key.
        var names = new string[references.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = references[i].Name;
        }

        var order = NameOrder.Of(names);

        var text = CanonicalJson.Text();
        text.Append("{\"epoch\":").Append(epoch.ToString(CultureInfo.InvariantCulture)).Append(",\"facts\":");
        CanonicalJson.WriteMap(text, target.Facts);
        text.Append(",\"inputs\":");
        CanonicalJson.WriteMap(text, target.Inputs);
        text.Append(",\"params\":");
        CanonicalJson.Write(text, target.Params);
        text.Append(",\"schema\":").Append(EngineSchema.ToString(CultureInfo.InvariantCulture)).Append(",\"stage\":{\"name\":");
        CanonicalJson.WriteString(text, target.Stage);
        text.Append(",\"version\":").Append(stageVersion.ToString(CultureInfo.InvariantCulture)).Append("},\"target\":");
        CanonicalJson.WriteString(text, target.Id);
        text.Append(",\"upstream\":{");
        var first = true;
        for (var n = 0; n < order.Length; n++)
        {
            var i = order[n];
            if (n + 1 < order.Length && names[order[n + 1]] == names[i])
            {
                continue;
            }

            if (!first)
            {
                text.Append(',');
            }

            first = false;
            CanonicalJson.WriteString(text, names[i]);
            text.Append(':');
            if (references[i].Output is { } output)
            {
                CanonicalJson.WriteString(text, upstreamOutputs[i]![output].Digest);
            }
            else
            {
                CanonicalJson.WriteMap(text, upstreamOutputs[i]!.Select(o => KeyValuePair.Create(o.Key, o.Value.Digest)));
            }
        }

        text.Append("}}");
        return Digest.Of(CanonicalJson.Utf8(text));
    }

    /// <summary>True when some upstream output of the preimage is not built yet.</summary>
    public static bool HasPending(JsonObject preimage) =>
        preimage["upstream"] is JsonObject upstream && upstream.Any(u => u.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() == PendingDigest);

    private static JsonObject AllOutputs(IReadOnlyDictionary<string, OutputFile> outputs)
    {
        var obj = new JsonObject();
        foreach (var (name, file) in outputs.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            obj[name] = file.Digest;
        }

        return obj;
    }

    private static JsonValue OneOutput(TargetSpec target, UpstreamRef reference, IReadOnlyDictionary<string, OutputFile> outputs) =>
        outputs.TryGetValue(reference.Output!, out var file)
            ? JsonValue.Create(file.Digest)
            : throw new InvalidOperationException(
                $"{target.Id} reads output '{reference.Output}' of {reference.TargetId}, which did not produce it (it produced: {string.Join(", ", outputs.Keys)})");

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (name, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            obj[name] = value;
        }

        return obj;
    }
}
