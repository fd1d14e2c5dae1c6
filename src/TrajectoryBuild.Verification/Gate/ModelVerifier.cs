using System.ClientModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Gate;

/// <summary>
/// The model gate: asks an OpenAI-compatible chat model to score each turn (the prompt, versioned, is part of the key),
/// then applies <see cref="Verdict"/> to its scores and the tests' outcome, as for every other source of scores. The
/// model sees the tests' verdict, so it judges the reasoning, not the outcome.
/// </summary>
internal static class ModelVerifier
{
    /// <summary>Observations longer than this are cut in the middle (the model's context is finite).</summary>
    public const int ObservationLimit = 2000;

    /// <summary>The prompt: the file's text, or the built-in prompt (version 1).</summary>
    public static string Prompt(string? path)
    {
        if (path is not null)
        {
            return File.ReadAllText(path);
        }

        using var stream = typeof(ModelVerifier).Assembly.GetManifestResourceStream("TrajectoryBuild.verifier-prompt-v1.md")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The user message: the trajectory id first (scripted models match on it), the task and outcome, then the turns.</summary>
    public static string Render(string trajectoryId, Trajectory trajectory, bool resolved)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Trajectory: {trajectoryId}\nTask: {trajectory.InstanceId ?? "-"}\nTests on the final patch: {(resolved ? "resolved" : "unresolved")}\n");
        foreach (var step in trajectory.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## Turn {step.Index}\n");
            if ((step.Thought ?? step.Content) is { } thought)
            {
                text.Append("Thought: ").Append(thought).Append('\n');
            }

            foreach (var call in step.ToolCalls)
            {
                text.Append("Action: ").Append(TurnActions.CommandOf(call)).Append('\n');
            }

            foreach (var observation in step.Observations)
            {
                text.Append("Observation: ").Append(Cut(observation.Content)).Append('\n');
            }
        }

        return text.ToString();
    }

    public static async Task<(GateResult Result, string Response)> VerifyAsync(
        Uri endpoint, string? apiKey, string model, double? temperature, string prompt, string trajectoryId, Trajectory trajectory, bool resolved, double threshold, string verifier, CancellationToken cancellationToken)
    {
        var client = new ChatClient(model, new ApiKeyCredential(apiKey is { Length: > 0 } key ? key : "no-key"), new OpenAIClientOptions { Endpoint = endpoint });
        var options = new ChatCompletionOptions { Temperature = (float?)temperature };
        ChatCompletion completion;
        try
        {
            completion = (await client.CompleteChatAsync([new SystemChatMessage(prompt), new UserChatMessage(Render(trajectoryId, trajectory, resolved))], options, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (ClientResultException e)
        {
            throw new InvalidOperationException($"the verifier model {model} at {endpoint} failed: HTTP {e.Status}: {e.Message}", e);
        }

        var content = string.Concat(completion.Content.Select(p => p.Text));
        var turns = Parse(content, trajectory.Steps.Count);
        var scores = turns.Select(t => t.Scores).ToList();
        var score = Verdict.Score(scores, resolved);
        return (new GateResult(verifier, score, Verdict.Accept(scores, score, threshold), turns), content);
    }

    /// <summary>Reads the model's answer: <c>{"turns": [...]}</c>, possibly inside a code fence. Turns it left out stay unscored.</summary>
    public static IReadOnlyList<GateTurn> Parse(string content, int stepCount)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.IndexOf('{', StringComparison.Ordinal);
        var end = content.LastIndexOf('}');
        var byTurn = new Dictionary<int, GateTurn>();
        try
        {
            using var document = JsonDocument.Parse(start >= 0 && end > start ? content[start..(end + 1)] : content);
            foreach (var entry in document.RootElement.GetProperty("turns").EnumerateArray())
            {
                var turn = entry.GetProperty("turn").GetInt32();
                var values = Axes.All.Select(a => entry.TryGetProperty(a.Name, out var v) && v.TryGetInt32(out var n) && a.IsValid(n) ? n : (int?)null).ToArray();
                var evidence = entry.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.String ? [e.GetString()!] : Array.Empty<string>();
                if (turn >= 0 && turn < stepCount)
                {
                    byTurn[turn] = new GateTurn(turn, new TurnScores(values), evidence);
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"the verifier model's answer is not the JSON the prompt asks for ({e.Message}); it began: {Cut(content, 300)}", e);
        }

        return [.. Enumerable.Range(0, stepCount).Select(i => byTurn.TryGetValue(i, out var t) ? t : new GateTurn(i, TurnScores.Empty, ["not scored by the model"]))];
    }

    private static string Cut(string text, int limit = ObservationLimit) =>
        text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit / 2), $"\n[... {text.Length - limit} characters cut ...]\n", text.AsSpan(text.Length - (limit / 2)));
}
