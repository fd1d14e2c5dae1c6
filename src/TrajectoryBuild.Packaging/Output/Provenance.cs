using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// Writes the release's in-toto Statement v1 with a SLSA v1 provenance predicate
/// (<c>provenance.intoto.json</c>): subjects are the given files by SHA-256 (sorted by name), dependencies sorted,
/// map keys sorted, no timestamps unless given. Indented, LF, deterministic.
/// </summary>
public static class Provenance
{
    /// <summary>The statement's file name in the output folder.</summary>
    public const string FileName = "provenance.intoto.json";

    /// <summary>The in-toto Statement type.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The SLSA provenance predicate type.</summary>
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    private static readonly JsonWriterOptions s_options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };

    /// <summary>Renders the statement.</summary>
    /// <param name="subjects">Every output file (the statement itself excluded).</param>
    /// <param name="options">Builder, parameters and dependencies.</param>
    /// <returns>The statement JSON, ending with a newline.</returns>
    public static string Render(IEnumerable<WrittenFile> subjects, ProvenanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(options);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartObject();
            writer.WriteString("_type", StatementType);
            writer.WriteStartArray("subject");
            foreach (var file in subjects.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                Descriptor(writer, new ResourceDescriptor(file.Path, null, new Dictionary<string, string> { ["sha256"] = file.Sha256 }, null));
            }

            writer.WriteEndArray();
            writer.WriteString("predicateType", PredicateType);
            writer.WriteStartObject("predicate");
            writer.WriteStartObject("buildDefinition");
            writer.WriteString("buildType", options.BuildType);
            Map(writer, "externalParameters", options.ExternalParameters);
            Map(writer, "internalParameters", options.InternalParameters);
            Descriptors(writer, "resolvedDependencies", Dependencies.Sort(options.ResolvedDependencies));
            writer.WriteEndObject();
            writer.WriteStartObject("runDetails");
            writer.WriteStartObject("builder");
            writer.WriteString("id", options.BuilderId);
            writer.WriteStartObject("version");
            writer.WriteString("trajectorybuild", options.BuilderVersion);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("metadata");
            if (options.InvocationId is not null)
            {
                writer.WriteString("invocationId", options.InvocationId);
            }

            Time(writer, "startedOn", options.StartedOn);
            Time(writer, "finishedOn", options.FinishedOn);
            writer.WriteEndObject();
            Descriptors(writer, "byproducts", Dependencies.Sort(options.Byproducts));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Time(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }
    }

    private static void Descriptors(Utf8JsonWriter writer, string name, IReadOnlyList<ResourceDescriptor> descriptors)
    {
        writer.WriteStartArray(name);
        foreach (var descriptor in descriptors)
        {
            Descriptor(writer, descriptor);
        }

        writer.WriteEndArray();
    }

    private static void Descriptor(Utf8JsonWriter writer, ResourceDescriptor descriptor)
    {
        writer.WriteStartObject();
        if (descriptor.Uri is not null)
        {
            writer.WriteString("uri", descriptor.Uri);
        }

        if (descriptor.Digest is { Count: > 0 })
        {
            Map(writer, "digest", descriptor.Digest);
        }

        if (descriptor.Name is not null)
        {
            writer.WriteString("name", descriptor.Name);
        }

        if (descriptor.Annotations is { Count: > 0 })
        {
            Map(writer, "annotations", descriptor.Annotations);
        }

        writer.WriteEndObject();
    }

    private static void Map(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
