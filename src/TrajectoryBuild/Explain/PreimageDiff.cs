using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Explain;

/// <summary>A field-by-field comparison of two preimages of one target, as causes.</summary>
internal static class PreimageDiff
{
    public static List<Cause> Diff(JsonObject was, JsonObject now)
    {
        var causes = new List<Cause>();
        Scalar(causes, CauseKind.Engine, "schema", was["schema"], now["schema"]);
        Scalar(causes, CauseKind.Epoch, "epoch", was["epoch"], now["epoch"]);
        Scalar(causes, CauseKind.Code, "stage.version", was["stage"]?["version"], now["stage"]?["version"]);
        Deep(causes, "params", was["params"], now["params"]);
        Map(causes, "facts", was["facts"], now["facts"], FactKind, setKind: null, AsItIs);
        Map(causes, "inputs", was["inputs"], now["inputs"], _ => CauseKind.Input, setKind: CauseKind.InputSet, AsItIs);
        Map(causes, "upstream", was["upstream"], now["upstream"], _ => CauseKind.Upstream, setKind: CauseKind.Upstream, AsDigest);
        return causes;
    }

    public static CauseKind FactKind(string name) =>
        name == FactNames.Commit || name.StartsWith(FactNames.Commit + ".", StringComparison.Ordinal) ? CauseKind.Commit
        : name.StartsWith(FactNames.Image, StringComparison.Ordinal) ? CauseKind.Image
        : name == FactNames.Verifier || name.StartsWith(FactNames.Verifier + ".", StringComparison.Ordinal) ? CauseKind.Verifier
        : CauseKind.Fact;

    public static string Short(JsonNode? node)
    {
        if (node is null)
        {
            return "null";
        }

        var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : CanonicalJson.Serialize(node);
        return Digest.IsWellFormed(text) ? text[..12]
            : text.Length > 48 ? string.Concat(text.AsSpan(0, 45), "...")
            : text;
    }

    private static JsonNode? AsItIs(JsonNode? value) => value;

    // A dependency on all of a target's outputs is a map of digests: compare and show it as one digest.
    private static JsonNode? AsDigest(JsonNode? value) =>
        value is JsonObject all ? JsonValue.Create(Digest.Of(CanonicalJson.SerializeToUtf8(all))) : value;

    private static void Scalar(List<Cause> causes, CauseKind kind, string field, JsonNode? was, JsonNode? now)
    {
        if (!Same(was, now))
        {
            causes.Add(new Cause(kind, field, Short(was), Short(now)));
        }
    }

    private static void Deep(List<Cause> causes, string field, JsonNode? was, JsonNode? now)
    {
        if (was is JsonObject a && now is JsonObject b)
        {
            foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                var inA = a.TryGetPropertyValue(name, out var va);
                var inB = b.TryGetPropertyValue(name, out var vb);
                if (inA && inB)
                {
                    Deep(causes, $"{field}.{name}", va, vb);
                }
                else
                {
                    causes.Add(new Cause(CauseKind.Params, $"{field}.{name}", inA ? Short(va) : null, inB ? Short(vb) : null));
                }
            }
        }
        else
        {
            Scalar(causes, CauseKind.Params, field, was, now);
        }
    }

    // Each member's value is compared and shown as valueOf gives it, looked up in the objects themselves (a dataset's
    // target has 100,001 upstream members: no copy of them is made); only the names that differ are put in order, as
    // such a target has one or two changed.
    private static void Map(List<Cause> causes, string field, JsonNode? was, JsonNode? now, Func<string, CauseKind> kindOf, CauseKind? setKind, Func<JsonNode?, JsonNode?> valueOf)
    {
        var a = was as JsonObject ?? [];
        var b = now as JsonObject ?? [];
        var differing = new List<string>();
        foreach (var (name, va) in a)
        {
            if (!b.TryGetPropertyValue(name, out var vb) || !Same(valueOf(va), valueOf(vb)))
            {
                differing.Add(name);
            }
        }

        foreach (var (name, _) in b)
        {
            if (!a.ContainsKey(name))
            {
                differing.Add(name);
            }
        }

        // Each name here is in one object only, or in both with values that are not the same (compared once, above).
        differing.Sort(StringComparer.Ordinal);
        foreach (var name in differing)
        {
            var inA = a.TryGetPropertyValue(name, out var va);
            var inB = b.TryGetPropertyValue(name, out var vb);
            causes.Add(inA && inB
                ? new Cause(kindOf(name), $"{field}.{name}", Short(valueOf(va)), Short(valueOf(vb)))
                : new Cause(setKind ?? kindOf(name), $"{field}.{name}", inA ? Short(valueOf(va)) : null, inB ? Short(valueOf(vb)) : null));
        }
    }

    // Strings (digests, commits: nearly every value of a large preimage) are compared as they are, anything else by its canonical text.
    // A value read back from a stored preimage is compared where it is parsed, without decoding it into a string first.
    private static bool Same(JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue x && b is JsonValue y)
        {
            if (x.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String && y.TryGetValue<string>(out var text))
            {
                return element.ValueEquals(text);
            }

            if (x.TryGetValue<string>(out var left) && y.TryGetValue<string>(out var right))
            {
                return string.Equals(left, right, StringComparison.Ordinal);
            }
        }

        return string.Equals(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b), StringComparison.Ordinal);
    }
}
