using System.Buffers;
using System.Text;
using System.Text.Json;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Aider;

/// <summary>
/// Reads Aider chat histories (<c>.aider.chat.history.md</c>): each <c># aider chat started at</c> begins a session and
/// a trajectory. <c>####</c> lines are the user's, <c>&gt;</c> lines the tool's output, the rest the assistant's;
/// SEARCH/REPLACE blocks become <c>edit</c> calls. The history records no diff, so the patch is always null.
/// </summary>
public sealed class AiderImporter : RecordImporter
{
    private const string SessionHeader = "# aider chat started at ";

    /// <inheritdoc />
    public override string Format => "aider";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "Aider chat histories (.aider.chat.history.md), one trajectory per session";

    /// <inheritdoc />
    public override bool Accepts(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        // Aider writes .aider.chat.history.md; a folder import must not take every README for a chat history.
        return fileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && fileName.Contains("history", StringComparison.OrdinalIgnoreCase);
    }

    internal override bool ReadsLines(string path) => false;

    internal override bool ReadsRowGroups(string path) => false;

    /// <summary>One record per session (position: its header line); text before the first session is one bad record.</summary>
    protected override IEnumerable<SourceRecord> Records(ImportSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var reader = new StreamReader(source.Path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var text = new StringBuilder();
        string? startedAt = null;
        var header = 0;
        var number = 0;
        (int First, int Last)? preamble = null;
        while (reader.ReadLine() is { } line)
        {
            number++;
            cancellationToken.ThrowIfCancellationRequested();
            if (line.StartsWith(SessionHeader, StringComparison.Ordinal))
            {
                if (preamble is { } outside)
                {
                    yield return new SourceRecord(outside.First == outside.Last ? $"line {outside.First}" : $"lines {outside.First}-{outside.Last}", default,
                        $"text outside a session: expected '{SessionHeader.Trim()} <yyyy-MM-dd HH:mm:ss>' before it");
                    preamble = null;
                }

                if (startedAt is not null)
                {
                    using var session = Session(startedAt, header, text, endOfFile: false);
                    yield return new SourceRecord($"line {header}", session.RootElement, null);
                }

                (startedAt, header) = (line[SessionHeader.Length..], number);
                text.Clear();
            }
            else if (startedAt is not null)
            {
                text.Append(line).Append('\n');
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                preamble = (preamble?.First ?? number, number);
            }
        }

        if (preamble is { } rest)
        {
            yield return new SourceRecord($"lines {rest.First}-{rest.Last}", default, $"text outside a session: expected '{SessionHeader.Trim()} <yyyy-MM-dd HH:mm:ss>' before it");
        }

        if (startedAt is not null)
        {
            using var session = Session(startedAt, header, text, endOfFile: true);
            yield return new SourceRecord($"line {header}", session.RootElement, null);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<Trajectory> Convert(JsonElement record, ImportSource source, string position)
    {
        var session = AiderSession.Read(
            JsonFields.RequiredString(record, "started_at", "$"),
            (int)JsonFields.OptionalLong(record, "header_line", "$")!.Value,
            JsonFields.RequiredString(record, "text", "$"),
            JsonFields.OptionalBool(record, "end_of_file", "$") ?? false);
        yield return session.ToTrajectory(ProvenanceFor(source, position, scaffoldVersion: session.AiderVersion, model: session.Model));
    }

    // A session handed from Records to Convert as a small JSON record (the loop's unit), its text kept verbatim.
    private static JsonDocument Session(string startedAt, int header, StringBuilder text, bool endOfFile)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("started_at", startedAt);
            writer.WriteNumber("header_line", header);
            writer.WriteString("text", text.ToString());
            writer.WriteBoolean("end_of_file", endOfFile);
            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }
}
