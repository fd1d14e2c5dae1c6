using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.SweAgent;

/// <summary>One run (a whole file, or one attempt of a retry run): info, replay config, history and trajectory.</summary>
public sealed partial class SweAgentImporter
{
    private static readonly HashSet<string> s_infoFields =
    [
        "exit_status", "submission", "model_stats", "review", "edited_files30", "edited_files50", "edited_files70",
        "summarizer", "swe_agent_hash", "swe_agent_version", "swe_rex_version", "swe_rex_hash", "best_attempt_idx",
        "rloop_model_stats", "chooser", "traceback", "exception_str",
    ];

    private Trajectory ReadRun(JsonElement run, string path, ImportSource source, string? fileInstance, AttemptInfo? attempt)
    {
        JsonFields.Expect(run, JsonValueKind.Object, path);
        JsonFields.RejectUnknown(run, path, s_runFields);
        var replay = ReadReplayConfig(run, path);
        if (run.TryGetProperty("environment", out var environment) && environment.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Object))
        {
            throw new ImportException($"{path}.environment", $"expected a string or an object, found {JsonFields.Describe(environment.ValueKind)}");
        }

        var history = SweAgentHistory.ReadEntries(run, "history", path);
        var steps = SweAgentTrajectory.ReadSteps(run, path);
        var (prompt, agentSteps) = SweAgentHistory.Build(history, steps);

        string? exitStatus = null, submission = null, version = null, error = null;
        Usage? usage = null;
        JsonObject? labels = null;
        if (run.TryGetProperty("info", out var info) && info.ValueKind != JsonValueKind.Null)
        {
            var infoPath = $"{path}.info";
            JsonFields.RejectUnknown(info, infoPath, s_infoFields);
            exitStatus = JsonFields.OptionalString(info, "exit_status", infoPath);
            submission = JsonFields.OptionalString(info, "submission", infoPath);
            version = JsonFields.OptionalString(info, "swe_agent_version", infoPath);
            error = JsonFields.OptionalString(info, "traceback", infoPath) ?? JsonFields.OptionalString(info, "exception_str", infoPath);
            usage = ModelStats.Read(info, infoPath);
            if (info.TryGetProperty("review", out var review) && review.ValueKind != JsonValueKind.Null)
            {
                labels = new JsonObject { ["review"] = JsonFields.ToNode(review) };
            }
        }

        var position = attempt is null ? null : path[2..];
        return new Trajectory
        {
            InstanceId = replay.InstanceId ?? fileInstance,
            Provenance = ProvenanceFor(source, position, scaffoldVersion: version, model: replay.Model) with { ModelParams = replay.Params },
            Attempt = attempt,
            Prompt = prompt,
            Steps = agentSteps,
            Patch = string.IsNullOrEmpty(submission) ? null : submission,
            ExitStatus = exitStatus,
            Error = error,
            Usage = usage,
            SourceLabels = labels,
        };
    }

    /// <summary>The model, its sampling parameters and the instance id from <c>replay_config</c> (a JSON string in 1.x, an object in 0.x).</summary>
    private static (string? Model, JsonObject? Params, string? InstanceId) ReadReplayConfig(JsonElement run, string path)
    {
        if (!run.TryGetProperty("replay_config", out var replay) || replay.ValueKind == JsonValueKind.Null)
        {
            return (null, null, null);
        }

        path += ".replay_config";
        if (replay.ValueKind == JsonValueKind.Object)
        {
            return ReadConfig(replay);
        }

        JsonFields.Expect(replay, JsonValueKind.String, path);
        EmbeddedJson embedded;
        try
        {
            embedded = EmbeddedJson.Parse(replay, default);
        }
        catch (JsonException exception)
        {
            throw new ImportException(path, $"expected a JSON object in the string, but it is not valid JSON: {exception.Message}");
        }

        using (embedded)
        {
            JsonFields.Expect(embedded.Document.RootElement, JsonValueKind.Object, path);
            return ReadConfig(embedded.Document.RootElement);
        }
    }

    private static (string? Model, JsonObject? Params, string? InstanceId) ReadConfig(JsonElement config)
    {
        string? model = null;
        JsonObject? parameters = null;
        if (Child(config, "agent") is { } agent && Child(agent, "model") is { } modelConfig)
        {
            model = Text(modelConfig, "name") ?? Text(modelConfig, "model_name");
            foreach (var name in (string[])["temperature", "top_p"])
            {
                if (modelConfig.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
                {
                    parameters ??= [];
                    parameters[name] = value.GetDouble();
                }
            }
        }

        var instance = Child(config, "problem_statement") is { } problem ? Text(problem, "id") : null;
        return (model, parameters, instance);
    }

    private static JsonElement? Child(JsonElement element, string name) =>
        element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object ? child : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
