using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TrajectoryBuild.Rewards.Tagging;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rewards.Stages;

internal sealed partial class TagStage
{
    private const string Infrastructure = "infrastructure";

    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Target.Locals is TagReportInputs report)
        {
            await WriteReportAsync(context, report, cancellationToken).ConfigureAwait(false);
            return;
        }

        var inputs = (TagInputs)context.Target.Locals!;
        var facts = RewardStage.Facts(context, inputs.Row);
        var tag = FailureTagger.Tag(facts, inputs.Settings.Options)
            ?? throw new InvalidOperationException($"{inputs.Row.Id}: the tagger found nothing to tag (the trajectory resolved its task)");
        if (inputs.Human is { } human)
        {
            tag = tag.WithOverride(human.Class, human.Annotator, human.Note);
        }

        await File.WriteAllBytesAsync(Path.Combine(context.OutputDirectory, RecordFile), FailureTagJson.ToUtf8(tag), cancellationToken).ConfigureAwait(false);
        await context.Log.WriteLineAsync($"{inputs.Row.Id}: {ClassOf(tag)} ({tag.Detector})").ConfigureAwait(false);
    }

    private static string ClassOf(FailureTag tag) => tag.Class?.ToName() ?? Infrastructure;

    private static FailureClass? Class(JsonNode? name) => name?.GetValue<string>() is { } text && FailureClasses.TryParse(text, out var c) ? c : null;

    private static async Task WriteReportAsync(TargetContext context, TagReportInputs inputs, CancellationToken cancellationToken)
    {
        var tags = inputs.Rows.Select(r => (Row: r, Tag: JsonNode.Parse(context.Upstream($"{StageName}/{r.Id}").ReadAllText(RecordFile))!)).ToList();
        var classes = FailureClasses.All.Select(c => c.ToName()).Append(Infrastructure).ToList();
        var groups = tags.GroupBy(t => $"{t.Row.Row.Scaffold}\t{t.Row.Row.Model}", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        string Name(JsonNode tag) => tag["class"]?.GetValue<string>() ?? Infrastructure;
        var overridden = tags.Where(t => t.Tag["override"] is JsonObject).ToList();
        var matrix = ConfusionMatrix.Of(overridden.Select(t => (Class(t.Tag["override"]!["class"])!.Value, Class(t.Tag["override"]!["detected"]))));
        var json = new JsonObject
        {
            ["dataset"] = inputs.Dataset,
            ["failed"] = tags.Count,
            ["classes"] = Counts(tags.Select(t => Name(t.Tag)), classes),
            ["by_scaffold_model"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
            {
                ["scaffold"] = g.First().Row.Row.Scaffold,
                ["model"] = g.First().Row.Row.Model,
                ["classes"] = Counts(g.Select(t => Name(t.Tag)), classes),
            })]),
            ["human_tags"] = overridden.Count,
            ["detector_accuracy_on_human_tags"] = matrix.Accuracy is { } accuracy ? Math.Round(accuracy, 6) : null,
        };
        await context.WriteOutputAsync(ReportFile, Keys.CanonicalJson.Serialize(json) + "\n", cancellationToken).ConfigureAwait(false);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Failure classes of dataset {inputs.Dataset}: {tags.Count} failed trajectories\n\n");
        var width = Math.Max(24, groups.Select(g => g.Key.Length + 2).DefaultIfEmpty(0).Max());
        text.Append("scaffold / model".PadRight(width)).AppendJoin(' ', classes.Select(c => Abbreviation(c).PadLeft(6))).Append('\n');
        foreach (var group in groups)
        {
            var counts = Counts(group.Select(t => Name(t.Tag)), classes);
            text.Append(group.Key.Replace('\t', '/').PadRight(width)).AppendJoin(' ', classes.Select(c => counts[c]!.GetValue<int>().ToString(CultureInfo.InvariantCulture).PadLeft(6))).Append('\n');
        }

        text.Append('\n').AppendJoin("  ", classes.Select(c => $"{Abbreviation(c)} = {c}")).Append("\n\n");
        text.Append(overridden.Count == 0
            ? "No human tags (taxonomy.overrides): no detector-vs-human confusion matrix yet.\n"
            : $"Detectors vs human tags ({overridden.Count} trajectories; rows human, columns detected):\n{matrix.Render()}");
        await context.WriteOutputAsync(ReportTextFile, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Counts(IEnumerable<string> names, IReadOnlyList<string> all)
    {
        var list = names.ToList();
        return new JsonObject([.. all.Select(c => KeyValuePair.Create(c, (JsonNode?)list.Count(n => n == c)))]);
    }

    private static string Abbreviation(string name) => string.Concat(name.Split('_').Select(w => char.ToUpperInvariant(w[0])));
}
