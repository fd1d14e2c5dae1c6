using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing.Reference;

/// <summary>
/// Reads the reference agent's raw record (<c>reference.jsonl</c>: start, exchange, action, observation, error and end
/// events, one per line) into one trajectory per file. A line that does not parse, or an event that is not what the
/// format promises, is quarantined with its line and reason, and the other lines are still read; a file cut off
/// before its end event still gives its trajectory, with the cut in <c>error</c>.
/// </summary>
public sealed class ReferenceImporter : ITrajectoryImporter
{
    /// <inheritdoc />
    public string Format => "reference";

    /// <inheritdoc />
    public int Version => 1;

    /// <inheritdoc />
    public string Description => "the built-in reference agent's raw record (reference.jsonl, one event per line; docs/reference-agent.md)";

    /// <inheritdoc />
    public bool Accepts(string fileName) => fileName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public IEnumerable<ImportResult> Import(ImportSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new ReferenceTrajectoryBuilder(this, source);
        foreach (var record in RecordFiles.Lines(source.Path, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!record.IsValid)
            {
                builder.Cut(record.Position);
                yield return new Quarantined(source.RelativePath, record.Position, record.Error!);
                continue;
            }

            Quarantined? problem = null;
            try
            {
                builder.Add(record.Value);
            }
            catch (ImportException exception)
            {
                var position = exception.PathInRecord == "$" ? record.Position : $"{record.Position}, {exception.PathInRecord}";
                problem = new Quarantined(source.RelativePath, position, exception.Reason);
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException or JsonException or KeyNotFoundException or OverflowException)
            {
                problem = new Quarantined(source.RelativePath, record.Position, $"unexpected shape: {exception.Message}");
            }

            if (problem is not null)
            {
                builder.Cut(record.Position);
                yield return problem;
            }
        }

        yield return builder.Build() is { } trajectory
            ? new Imported(trajectory)
            : new Quarantined(source.RelativePath, "file", "no valid start event: not a reference agent record");
    }
}
