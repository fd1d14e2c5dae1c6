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

    /// <summary>
    /// The texts kept out of the record's JSON (a Parquet row's embedded JSON columns), which the record's placeholders
    /// stand for while they are in use (<see cref="EmbeddedTexts.Use"/>); null when none were.
    /// </summary>
    internal EmbeddedTexts? Texts { get; init; }
}
