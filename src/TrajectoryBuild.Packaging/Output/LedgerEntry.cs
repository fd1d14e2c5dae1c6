using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Packaging.Output;

/// <summary>
/// One evaluated trajectory of a package, accepted into the corpora or not, with what it was built from: a line of
/// <c>records.jsonl</c>. Two packages' ledgers are what a release changelog compares, so every input whose change
/// should be named as a cause (commit, image, verifier, trajectory, labels, evaluation, verdict, reward, failure tag)
/// has a field here.
/// </summary>
/// <param name="TrajectoryId">The trajectory's id.</param>
/// <param name="Provenance">The task, commit, image, verifier and trajectory it comes from.</param>
/// <param name="Accepted">Whether stage 5 accepted it (only accepted trajectories are in the corpora).</param>
/// <param name="Resolved">Evaluate's outcome.</param>
/// <param name="FailureClass">Stage 7's class for an unresolved trajectory, else null.</param>
/// <param name="LabelsDigest">SHA-256 of its human label lines, or null when it has none.</param>
/// <param name="EvaluationDigest">SHA-256 of its evaluation record.</param>
/// <param name="VerdictDigest">SHA-256 of its stage 5 record.</param>
/// <param name="RewardDigest">SHA-256 of its stage 6 record.</param>
/// <param name="TagDigest">SHA-256 of its stage 7 record, or null for a resolved trajectory.</param>
public sealed record LedgerEntry(
    string TrajectoryId,
    RecordProvenance Provenance,
    bool Accepted,
    bool Resolved,
    string? FailureClass,
    string? LabelsDigest,
    string EvaluationDigest,
    string VerdictDigest,
    string RewardDigest,
    string? TagDigest)
{
    /// <summary>The package output that holds the ledger.</summary>
    public const string FileName = "records.jsonl";

    /// <summary>The ledger as JSONL: one canonical JSON object per line, ordered by trajectory id.</summary>
    /// <param name="entries">The entries.</param>
    /// <returns>The file's text.</returns>
    public static string Write(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        foreach (var entry in entries.OrderBy(e => e.TrajectoryId, StringComparer.Ordinal))
        {
            text.Append(CanonicalJson.Serialize(entry.ToJson())).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads a ledger written by <see cref="Write"/>.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">The file's name, for errors.</param>
    /// <returns>The entries, in file order.</returns>
    /// <exception cref="FormatException">A line is not a ledger entry; the message names the line and field.</exception>
    public static IReadOnlyList<LedgerEntry> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<LedgerEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(FromJson(JsonNode.Parse(lines[i]) as JsonObject ?? throw new FormatException("expected a JSON object")));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException)
            {
                throw new FormatException($"{source}:{i + 1}: not a ledger entry: {e.Message}", e);
            }
        }

        return entries;
    }

    /// <summary>The entry as the JSON object of its ledger line.</summary>
    /// <returns>A new object.</returns>
    public JsonObject ToJson() => new()
    {
        ["trajectory_id"] = TrajectoryId,
        ["task_id"] = Provenance.TaskId,
        ["repo"] = Provenance.Repo,
        ["commit"] = Provenance.Commit,
        ["image_digest"] = Provenance.ImageDigest,
        ["verifier_digest"] = Provenance.VerifierDigest,
        ["trajectory_digest"] = Provenance.TrajectoryDigest,
        ["scaffold"] = Provenance.Scaffold,
        ["model"] = Provenance.Model,
        ["accepted"] = Accepted,
        ["resolved"] = Resolved,
        ["failure_class"] = FailureClass,
        ["labels_digest"] = LabelsDigest,
        ["evaluation_digest"] = EvaluationDigest,
        ["verdict_digest"] = VerdictDigest,
        ["reward_digest"] = RewardDigest,
        ["tag_digest"] = TagDigest,
    };

    private static LedgerEntry FromJson(JsonObject json) => new(
        Required(json, "trajectory_id"),
        new RecordProvenance(
            Required(json, "task_id"), Required(json, "repo"), Required(json, "commit"), Required(json, "image_digest"),
            Required(json, "verifier_digest"), Required(json, "trajectory_digest"), Required(json, "scaffold"), Required(json, "model")),
        Flag(json, "accepted"),
        Flag(json, "resolved"),
        Optional(json, "failure_class"),
        Optional(json, "labels_digest"),
        Required(json, "evaluation_digest"),
        Required(json, "verdict_digest"),
        Required(json, "reward_digest"),
        Optional(json, "tag_digest"));

    private static string Required(JsonObject json, string name) =>
        Optional(json, name) ?? throw new FormatException($"'{name}' is missing");

    private static string? Optional(JsonObject json, string name) => json[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new FormatException($"'{name}' must be a string"),
    };

    private static bool Flag(JsonObject json, string name) => json[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? v.GetValue<bool>()
        : throw new FormatException($"'{name}' must be true or false");
}
