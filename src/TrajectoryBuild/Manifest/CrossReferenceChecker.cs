using System.Text.Json;
using System.Text.Json.Nodes;

namespace TrajectoryBuild.Manifest;

/// What JSON Schema cannot say: names that must refer to entries defined elsewhere in the manifest,
/// and rules that span several keys. Tolerates any shape: the schema reports shape errors. Environments defined by
/// files are merged into the root before the check, so references to them resolve like any other.
internal sealed class CrossReferenceChecker(JsonObject root, SourceMap map, string file)
{
    private static readonly string[] s_namedSections = ["sources", "environments", "scaffolds", "models", "datasets"];

    private readonly List<ManifestError> _errors = [];

    public IReadOnlyList<ManifestError> Check()
    {
        CheckNameSyntax();
        if (root["datasets"] is JsonObject datasets)
        {
            foreach (var (name, node) in datasets)
            {
                CheckDataset(JsonPointer.Append("/datasets", name), node as JsonObject);
            }
        }

        CheckName(Child(Child(root["verification"], "gate"), "model"), "/verification/gate/model", "models", "model");
        CheckTaskEnvironments();
        CheckImportScaffolds();
        CheckModels();
        CheckGate();
        CheckFractions("/packaging", root["packaging"]);
        return _errors;
    }

    // Names become file names, cache key fields and tag parts: keep them to a portable alphabet.
    private void CheckNameSyntax()
    {
        foreach (var section in s_namedSections)
        {
            foreach (var (name, _) in Entries(section).Where(entry => !ManifestNames.IsValid(entry.Key)))
            {
                var pointer = JsonPointer.Append("/" + section, name);
                Add(map.EntryOf(pointer), $"invalid name '{name}' in /{section}", ManifestNames.Rule);
            }
        }
    }

    private void CheckDataset(string pointer, JsonObject? dataset)
    {
        if (dataset is null)
        {
            return;
        }

        CheckNames(dataset["sources"], pointer + "/sources", "sources", "source");
        CheckNames(dataset["environments"], pointer + "/environments", "environments", "environment");
        CheckNames(Child(dataset["rollouts"], "scaffolds"), pointer + "/rollouts/scaffolds", "scaffolds", "scaffold");
        CheckNames(Child(dataset["rollouts"], "models"), pointer + "/rollouts/models", "models", "model");
        CheckFractions(pointer + "/packaging", dataset["packaging"]);
    }

    private void CheckTaskEnvironments()
    {
        foreach (var (name, source) in Entries("sources"))
        {
            if (Child(source, "tasks") is not JsonArray tasks)
            {
                continue;
            }

            for (var i = 0; i < tasks.Count; i++)
            {
                var pointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append("/sources", name) + "/tasks", i), "environment");
                CheckName(tasks[i] is JsonObject task ? task["environment"] : null, pointer, "environments", "environment");
            }
        }
    }

    private void CheckImportScaffolds()
    {
        foreach (var (name, scaffold) in Entries("scaffolds"))
        {
            if (scaffold is not JsonObject obj)
            {
                continue;
            }

            var pointer = JsonPointer.Append("/scaffolds", name);
            var kind = Text(obj["kind"]);
            if (kind == "import" && obj["import"] is null)
            {
                Add(map.EntryOf(pointer), $"scaffold '{name}' has kind 'import' but no 'import' section", "add 'import:' with 'format:' and 'path:' of the recorded trajectories");
            }
            else if (kind is "openhands" or "swe-agent" or "aider" && obj["command"] is null)
            {
                Add(map.EntryOf(pointer), $"scaffold '{name}' has kind '{kind}' but no 'command'", "add 'command:' that runs the scaffold inside the task container, e.g. with {problem_file} and {output_dir}");
            }
        }
    }

    private void CheckModels()
    {
        foreach (var (name, model) in Entries("models"))
        {
            if (model is JsonObject obj && (obj["endpoint"] is null) == (obj["scripted"] is null))
            {
                var pointer = JsonPointer.Append("/models", name);
                Add(map.EntryOf(pointer), $"model '{name}' needs exactly one of 'endpoint' and 'scripted'", "give 'endpoint:' (an OpenAI-compatible base URL) for a real model, or 'scripted:' (a folder of scripted responses) for an offline stand-in");
            }
        }
    }

    private void CheckGate()
    {
        if (Child(root["verification"], "gate") is JsonObject gate && gate["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k == "model" && gate["model"] is null)
        {
            Add(map.EntryOf("/verification/gate/kind"), "a model gate needs 'model:'", "name a model under models (it judges each trajectory), or use kind: rules");
        }
    }

    private void CheckFractions(string pointer, JsonNode? packaging)
    {
        if (Child(Child(packaging, "splits"), "fractions") is not JsonObject fractions || fractions.Count == 0)
        {
            return;
        }

        var sum = fractions.Sum(entry => Number(entry.Value));
        if (!double.IsNaN(sum) && Math.Abs(sum - 1.0) > 1e-9)
        {
            var at = pointer + "/splits/fractions";
            Add(map.ValueOf(at), $"the split fractions in {at} add up to {sum.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not 1", "make the fractions sum to 1, e.g. train: 0.9 and test: 0.1");
        }
    }

    private void CheckNames(JsonNode? names, string pointer, string section, string noun)
    {
        if (names is not JsonArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            CheckName(array[i], JsonPointer.Append(pointer, i), section, noun);
        }
    }

    private void CheckName(JsonNode? node, string pointer, string section, string noun)
    {
        var name = Text(node);
        var defined = Entries(section).Select(entry => entry.Key).ToList();
        if (name is null || defined.Contains(name, StringComparer.Ordinal))
        {
            return;
        }

        var hint = defined.Count == 0
            ? $"no {section} are defined: add '{name}' under '{section}:'{OrAsFile(section, name)}"
            : Suggestions.Hint(name, defined, $"defined {section}");
        Add(map.ValueOf(pointer), $"undefined {noun} '{name}' in {pointer}", hint);
    }

    // An environment may also be a file of its own.
    private static string OrAsFile(string section, string name) =>
        section == "environments" ? $" or as {EnvironmentFolder.RelativePath}/{name}.yaml" : string.Empty;

    private IEnumerable<KeyValuePair<string, JsonNode?>> Entries(string section) =>
        root[section] as JsonObject ?? [];

    private static JsonNode? Child(JsonNode? node, string key) => (node as JsonObject)?[key];

    // YAML integers arrive as long, floats as double; anything else makes the sum NaN (the schema reports it).
    private static double Number(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<long>(out var integer) => integer,
        JsonValue value when value.TryGetValue<double>(out var real) => real,
        _ => double.NaN,
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private void Add((int Line, int Column) position, string message, string hint) =>
        _errors.Add(new ManifestError(file, position.Line, position.Column, message, hint));
}
