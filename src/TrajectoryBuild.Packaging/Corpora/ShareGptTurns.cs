using System.Text.Json.Nodes;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Packaging.Corpora;

/// <summary>
/// Turns laid out as LLaMA-Factory's ShareGPT converter accepts them: <c>human</c> / <c>observation</c> at odd
/// positions (1st, 3rd ...), <c>gpt</c> / <c>function_call</c> at even ones, ending on the model's side. Neighbours on
/// the human side are merged (blank-line joined, the first one's tag kept); two <c>gpt</c> turns are merged; any other
/// two model-side neighbours, or a conversation starting on the model's side, get an empty <c>human</c> turn between;
/// trailing human-side turns are dropped (nothing after them is trained).
/// </summary>
internal static class ShareGptTurns
{
    public const string Human = "human";
    public const string Gpt = "gpt";
    public const string FunctionCall = "function_call";
    public const string ObservationTag = "observation";

    /// <summary>The system text and the aligned turns (tag, value) of a record's conversation.</summary>
    public static (string System, IReadOnlyList<(string Tag, string Value)> Turns) Of(PackageRecord record, ActionRendering rendering)
    {
        var turns = Conversation.Prompt(record.Trajectory, rendering).Concat(Conversation.Steps(record.Trajectory, record.Reward.Steps, rendering)).ToList();
        var system = ActionText.Join(turns.Where(t => t.Role == Turn.System).Select(t => t.Content));
        return (system, Align(turns.Where(t => t.Role != Turn.System).Select(Tagged)));
    }

    public static bool IsHumanSide(string tag) => tag is Human or ObservationTag;

    private static (string Tag, string Value) Tagged(Turn turn) => turn.Role switch
    {
        Turn.Assistant when turn.Calls.Count > 0 => (FunctionCall, CallsValue(turn.Calls.Select(c => c.Call).ToList())),
        Turn.Assistant => (Gpt, turn.Content),
        Turn.Tool => (ObservationTag, turn.Content),
        _ => (Human, turn.Content),
    };

    // LLaMA-Factory reads one call as an object and parallel calls as a list.
    private static string CallsValue(List<ToolCall> calls) => calls.Count == 1
        ? CorpusJson.Compact(ActionText.CallObject(calls[0]))
        : CorpusJson.Compact(new JsonArray([.. calls.Select(ActionText.CallObject)]));

    private static List<(string Tag, string Value)> Align(IEnumerable<(string Tag, string Value)> turns)
    {
        var aligned = new List<(string Tag, string Value)>();
        foreach (var turn in turns)
        {
            var expectHuman = aligned.Count % 2 == 0;
            if (IsHumanSide(turn.Tag) == expectHuman)
            {
                aligned.Add(turn);
            }
            else if (IsHumanSide(turn.Tag) || (turn.Tag == Gpt && aligned.Count > 0 && aligned[^1].Tag == Gpt))
            {
                aligned[^1] = (aligned[^1].Tag, ActionText.Join([aligned[^1].Value, turn.Value]));
            }
            else
            {
                aligned.Add((Human, ""));
                aligned.Add(turn);
            }
        }

        while (aligned.Count > 0 && IsHumanSide(aligned[^1].Tag))
        {
            aligned.RemoveAt(aligned.Count - 1);
        }

        return aligned;
    }
}
