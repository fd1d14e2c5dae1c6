using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// One record of a source file: its position (<c>line 3</c>, <c>row 12</c>, or <c>file</c>) and either the parsed
/// value (valid only until the next record is read) or why it could not be parsed.
/// </summary>
public readonly record struct SourceRecord(string Position, JsonElement Value, string? Error)
{
    /// <summary>Whether the record parsed.</summary>
    public bool IsValid => Error is null;
}
