using System.Text.Json;

namespace TrajectoryBuild.Verification.Labels.Formats;

public static partial class ArgillaFormat
{
    /// <summary>
    /// Reads Argilla records (a JSON array, as <c>dataset.records.to_json</c> writes) into annotations, one per
    /// trajectory, kind and annotator, in file order. Responses whose status is <c>submitted</c> (or absent: some SDK
    /// versions leave it out of the export) are submitted labels, <c>draft</c> ones are kept unsubmitted, and
    /// <c>discarded</c> ones are skipped; suggestions are ignored. A user id is mapped through <paramref name="annotators"/>,
    /// else its text is the annotator.
    /// </summary>
    /// <exception cref="LabelFileException">The file, the record and a JSON path (<c>$[3].responses.relevance[0]</c>), what is wrong and how to fix it.</exception>
    public static IReadOnlyList<TrajectoryAnnotation> ReadRecords(Stream stream, string path, IReadOnlyDictionary<Guid, string>? annotators = null)
    {
        var source = new ImportSource(path);
        return source.ReadAll(stream, "Argilla records: the array dataset.records.to_json writes", "record", (collector, record, where) => ReadRecord(source, collector, record, where, annotators));
    }

    private static void ReadRecord(ImportSource source, AnnotationCollector collector, JsonElement record, JsonLocation where, IReadOnlyDictionary<Guid, string>? annotators)
    {
        if (record.ValueKind != JsonValueKind.Object || !record.TryGetProperty("metadata", out var metadata))
        {
            throw source.Fail(where, "not a record with metadata", "export with dataset.records.to_json (records carry the trajectory_id and turn metadata TrajectoryBuild wrote)");
        }

        var trajectoryId = source.RequiredString(metadata, "trajectory_id", where["metadata"]);
        var turn = source.RequiredIndex(metadata, "turn", where["metadata"]);
        var adjudicators = UserList(metadata, ArgillaSettings.AdjudicatedBy);
        var gold = UserList(metadata, ArgillaSettings.GoldBy);
        var users = new SortedDictionary<string, (int?[] Scores, string? Comment, bool Submitted, JsonLocation First)>(StringComparer.Ordinal);
        if (!record.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var question in responses.EnumerateObject())
        {
            var axis = Axes.Find(question.Name);
            if (axis is null && question.Name != ArgillaSettings.CommentQuestion)
            {
                throw source.Fail(where["responses"][question.Name], $"unknown question '{question.Name}'", $"the dataset's questions are {string.Join(", ", Axes.All.Select(a => a.Name))} and {ArgillaSettings.CommentQuestion}; create it with ArgillaFormat.DatasetSettings()");
            }

            foreach (var (response, j) in ImportSource.Items(responses, question.Name))
            {
                var at = where["responses"][question.Name, j];
                var user = source.RequiredString(response, "user_id", at);
                var status = response.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : "submitted";
                if (status == "discarded")
                {
                    continue;
                }

                if (status is not ("submitted" or "draft"))
                {
                    throw source.Fail(at["status"], $"unknown response status '{status}'", "Argilla's statuses are submitted, draft and discarded");
                }

                var value = response.TryGetProperty("value", out var v) ? v : default;
                if (!users.TryGetValue(user, out var entry))
                {
                    entry = (new int?[Axes.All.Count], null, true, at);
                }

                if (axis is not null)
                {
                    entry.Scores[Axes.All.ToList().IndexOf(axis)] = source.Score(axis, value, at["value"]);
                }
                else
                {
                    entry.Comment = value.ValueKind == JsonValueKind.String ? value.GetString() : throw source.Fail(at["value"], "the comment is not a string", "a text question's value is a string");
                }

                users[user] = entry with { Submitted = entry.Submitted && status == "submitted" };
            }
        }

        foreach (var (user, entry) in users)
        {
            var kind = gold.Contains(user) ? AnnotationKind.Gold : adjudicators.Contains(user) ? AnnotationKind.Adjudicated : AnnotationKind.Human;
            var annotator = annotators is not null && Guid.TryParse(user, out var uuid) && annotators.TryGetValue(uuid, out var name) ? name : user;
            collector.Add(trajectoryId, annotator, kind, entry.Submitted, new TurnLabel(turn, new TurnScores(entry.Scores), entry.Comment), entry.First);
        }
    }

    private static HashSet<string> UserList(JsonElement metadata, string name) =>
        metadata.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : metadata.TryGetProperty(name, out var one) && one.ValueKind == JsonValueKind.String ? [one.GetString()!] : [];
}
