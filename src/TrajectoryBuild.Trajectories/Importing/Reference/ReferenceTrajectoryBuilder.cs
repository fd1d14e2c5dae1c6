using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;
using static TrajectoryBuild.Trajectories.Importing.JsonFields;

namespace TrajectoryBuild.Trajectories.Importing.Reference;

/// <summary>Folds the events of one reference record, in file order, into its trajectory.</summary>
internal sealed class ReferenceTrajectoryBuilder(ITrajectoryImporter importer, ImportSource source)
{
    private readonly SortedDictionary<int, ReferenceStep> _steps = [];
    private readonly List<string> _cuts = [];
    private Provenance? _provenance;
    private string? _instanceId;
    private JsonArray? _tools;
    private IReadOnlyList<Message> _prompt = [];
    private double? _pricePrompt;
    private double? _priceCompletion;
    private bool _ended;
    private string? _exitStatus;
    private string? _error;
    private string? _patch;
    private Usage? _usage;

    /// <summary>Notes a line that was quarantined, so the trajectory says it is incomplete.</summary>
    public void Cut(string position) => _cuts.Add(position);

    public void Add(JsonElement record)
    {
        var type = RequiredString(record, "event", "$");
        if (type != "start" && _provenance is null)
        {
            throw new ImportException("$.event", $"a '{type}' event before the start event");
        }

        switch (type)
        {
            case "start":
                Start(record);
                break;
            case "exchange":
                ReferenceEvents.Exchange(record, StepOf(record), _pricePrompt, _priceCompletion);
                break;
            case "action":
                // The call itself is in the exchange's response; the action says it was run (or submitted).
                StepOf(record);
                break;
            case "observation":
                ReferenceEvents.Observation(record, StepOf(record));
                break;
            case "error":
                ReferenceEvents.Error(record, StepOf(record));
                break;
            case "end":
                _ended = true;
                _exitStatus = RequiredString(record, "exit_status", "$");
                _error = OptionalString(record, "error", "$");
                _patch = OptionalString(record, "patch", "$");
                _usage = ReferenceEvents.Usage(Required(record, "usage", "$"), "$.usage", null, null);
                break;
            default:
                throw new ImportException("$.event", $"unknown event '{type}'; expected start, exchange, action, observation, error or end");
        }
    }

    /// <summary>The trajectory, or null when the file had no valid start event.</summary>
    public Trajectory? Build()
    {
        if (_provenance is null)
        {
            return null;
        }

        var steps = _steps.Values.Select(s => s.ToAgentStep()).ToList();
        var problems = new List<string>();
        if (_error is not null)
        {
            problems.Add(_error);
        }

        if (!_ended)
        {
            problems.Add($"the record stops before its end event, after {steps.Count} steps: the run was cut off");
        }

        if (_cuts.Count > 0)
        {
            problems.Add($"quarantined lines: {string.Join(", ", _cuts)}");
        }

        return new Trajectory
        {
            InstanceId = _instanceId,
            Provenance = _provenance,
            Tools = _tools,
            Prompt = _prompt,
            Steps = steps,
            Patch = _patch,
            ExitStatus = _exitStatus,
            Error = problems.Count == 0 ? null : string.Join("; ", problems),
            Usage = _usage ?? steps.Aggregate(Usage.Unknown, (sum, step) => sum.Add(step.Usage)),
        };
    }

    private void Start(JsonElement record)
    {
        if (_provenance is not null)
        {
            throw new ImportException("$.event", "a second start event: one file holds one run");
        }

        _instanceId = OptionalString(record, "instance_id", "$");
        _tools = record.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array ? (JsonArray)ToNode(tools)! : null;
        _prompt = [new Message("system", RequiredString(record, "system_prompt", "$")), new Message("user", RequiredString(record, "user_prompt", "$"))];
        if (record.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object)
        {
            _pricePrompt = OptionalDouble(config, "price_per_1k_prompt", "$.config");
            _priceCompletion = OptionalDouble(config, "price_per_1k_completion", "$.config");
        }

        var parameters = Required(record, "params", "$");
        Expect(parameters, JsonValueKind.Object, "$.params");
        _provenance = new Provenance
        {
            Scaffold = OptionalString(record, "agent", "$") ?? source.Scaffold ?? "reference",
            ScaffoldVersion = RequiredString(record, "agent_version", "$"),
            Model = OptionalString(record, "model", "$") ?? source.Model,
            ModelParams = (JsonObject)ToNode(parameters)!,
            Seed = OptionalLong(record, "seed", "$"),
            SourceFormat = importer.Format,
            SourceFile = source.RelativePath,
            SourceSha256 = source.Sha256,
            SourcePosition = null,
            Importer = importer.Format,
            ImporterVersion = importer.Version,
        };
    }

    private ReferenceStep StepOf(JsonElement record)
    {
        var index = OptionalLong(record, "step", "$") ?? throw new ImportException("$.step", "required field 'step' is missing");
        if (index is < 0 or > int.MaxValue)
        {
            throw new ImportException("$.step", $"expected a step number from 0, found {index}");
        }

        if (!_steps.TryGetValue((int)index, out var step))
        {
            step = new ReferenceStep((int)index);
            _steps.Add((int)index, step);
        }

        step.Timestamp ??= OptionalString(record, "time", "$");
        return step;
    }
}
