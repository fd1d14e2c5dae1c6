using System.Text.Json;
using System.Text.Json.Nodes;
using TrajectoryBuild.Agents.Scripted;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Gate;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Stages;

internal sealed partial class VerifyStage
{
    public async Task ExecuteAsync(TargetContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Target.Locals)
        {
            case GateInputs gate:
                await RunGateAsync(context, gate, cancellationToken).ConfigureAwait(false);
                break;
            case VerifyInputs verify:
                await context.WriteOutputAsync(RecordFile, CanonicalJson.Serialize(Decide(context, verify)) + "\n", cancellationToken).ConfigureAwait(false);
                break;
            case ReportInputs report:
                await VerificationReport.WriteAsync(context, report, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{context.Target.Id}: unexpected target");
        }
    }

    internal static Trajectory ReadTrajectory(TargetContext context, TrajectoryRow row)
    {
        using var stream = context.Upstream(row.Capture).OpenRead(row.File);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return TrajectoryReader.Read(buffer.GetBuffer().AsMemory(0, checked((int)buffer.Length)));
    }

    private static async Task RunGateAsync(TargetContext context, GateInputs inputs, CancellationToken cancellationToken)
    {
        var row = inputs.Row;
        var trajectory = ReadTrajectory(context, row);
        var evaluation = JsonNode.Parse(context.Upstream($"{EvaluateStage.StageName}/{row.Id}").ReadAllText(EvaluateStage.RecordFile))!;
        var resolved = evaluation["resolved"]?.GetValue<bool>() == true;
        GateResult result;
        string? response = null;
        if (inputs.Options.GateModel is not { } model)
        {
            result = RulesVerifier.Verify(trajectory, resolved, inputs.Options.Threshold);
        }
        else
        {
            context.ReportProgress($"{row.Id}: asking the verifier model {model.Name}");
            var prompt = ModelVerifier.Prompt(inputs.Options.PromptPath);
            var verifier = $"model/{model.Name}/{Digest.OfText(prompt)[..12]}";
            var temperature = model.Params["temperature"] is JsonValue t ? t.GetValue<double>() : (double?)null;
            await using var server = model.Scripted is { } scripted ? await ScriptedChatServer.StartAsync(ChatScript.LoadFolder(scripted), cancellationToken).ConfigureAwait(false) : null;
            var endpoint = server?.BaseUrl ?? model.Endpoint!;
            var apiKey = model.ApiKeyEnv is { } env
                ? Environment.GetEnvironmentVariable(env) ?? throw new InvalidOperationException($"the verifier model {model.Name} reads its API key from the environment variable {env}, which is not set")
                : null;
            (result, response) = await ModelVerifier.VerifyAsync(endpoint, apiKey, model.Model, temperature, prompt, row.Id, trajectory, resolved, inputs.Options.Threshold, verifier, cancellationToken).ConfigureAwait(false);
        }

        var record = new JsonObject
        {
            ["trajectory_id"] = row.Id,
            ["resolved"] = resolved,
            ["verifier"] = result.Verifier,
            ["score"] = result.Score,
            ["accept"] = result.Accept,
            ["turns"] = new JsonArray([.. result.Turns.Select(t => (JsonNode)TurnJson(t.Turn, t.Scores, new JsonObject { ["evidence"] = new JsonArray([.. t.Evidence.Select(e => (JsonNode)e)]) }))]),
            ["response"] = response,
        };
        await context.WriteOutputAsync(GateFile, CanonicalJson.Serialize(record) + "\n", cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject Decide(TargetContext context, VerifyInputs inputs)
    {
        var gate = JsonNode.Parse(context.Upstream(GateTarget(inputs.Row.Id)).ReadAllText(GateFile))!;
        var resolved = gate["resolved"]!.GetValue<bool>();
        var human = Consensus.Of(inputs.Annotations);
        var turns = new List<(int Turn, TurnScores Scores, string Source)>();
        foreach (var turn in gate["turns"]!.AsArray())
        {
            var index = turn!["turn"]!.GetValue<int>();
            turns.Add(human.TryGetValue(index, out var labelled) ? (index, labelled.Scores, labelled.Source) : (index, ScoresOf(turn), "gate"));
        }

        var scores = turns.Select(t => t.Scores).ToList();
        var score = Verdict.Score(scores, resolved);
        var annotators = inputs.Annotations.Where(a => a.Submitted && a.Kind == AnnotationKind.Human).Select(a => a.Annotator).Order(StringComparer.Ordinal);
        return new JsonObject
        {
            ["trajectory_id"] = inputs.Row.Id,
            ["resolved"] = resolved,
            ["source"] = human.Count == 0 ? "gate" : turns.All(t => t.Source != "gate") ? "human" : "mixed",
            ["annotators"] = new JsonArray([.. annotators.Select(a => (JsonNode)a)]),
            ["labels_digest"] = inputs.Annotations.Count == 0 ? null : LabelsDigest(inputs.Annotations),
            ["score"] = score,
            ["accept"] = Verdict.Accept(scores, score, inputs.Options.Threshold),
            ["turns"] = new JsonArray([.. turns.Select(t => (JsonNode)TurnJson(t.Turn, t.Scores, new JsonObject { ["source"] = t.Source }))]),
            ["gate"] = new JsonObject { ["verifier"] = gate["verifier"]!.DeepClone(), ["score"] = gate["score"]!.DeepClone(), ["accept"] = gate["accept"]!.DeepClone() },
        };
    }

    internal static TurnScores ScoresOf(JsonNode turn) =>
        new([.. Axes.All.Select(a => turn[a.Name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : (int?)null)]);

    private static JsonObject TurnJson(int turn, TurnScores scores, JsonObject extra)
    {
        var json = new JsonObject { ["turn"] = turn };
        for (var i = 0; i < Axes.All.Count; i++)
        {
            json[Axes.All[i].Name] = scores[i];
        }

        foreach (var (key, value) in extra.ToList())
        {
            extra.Remove(key);
            json[key] = value;
        }

        return json;
    }
}
