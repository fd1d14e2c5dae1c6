using System.Text.RegularExpressions;
using TrajectoryBuild.Trajectories.Model;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Gate;

/// <summary>
/// The default verifier: scores each turn from the trajectory's structure and the tests' outcome, with no model.
/// Conservative by design: it lowers a score only on evidence it can name (kept in <see cref="GateTurn.Evidence"/>).
/// <list type="table">
/// <item><term>relevance</term><description>2 when the turn reads or edits files the final patch does not touch (and is not
/// a search, a test run or a test file); else 3.</description></item>
/// <item><term>factual_grounding</term><description>1 when the last turn claims success and Evaluate says unresolved; 2 for
/// a turn the scaffold recorded an error for (a malformed response); else 3.</description></item>
/// <item><term>tool_selection</term><description>1 when a call's arguments are unreadable, the tool errored or the command
/// was not found (126/127), or a turn without a call drew format feedback; else 3.</description></item>
/// <item><term>redundancy</term><description>1 when the same call ran in an earlier turn with no edit since; else 3.</description></item>
/// <item><term>unsafe_edits</term><description>1 for destructive commands (rm -rf, git reset --hard, git clean, writes
/// outside /testbed); 2 for edits of test files or whole-file rewrites; else 3.</description></item>
/// </list>
/// </summary>
public static partial class RulesVerifier
{
    /// <summary>Bumped whenever a rule changes: part of the Verify key.</summary>
    public const int Version = 2;

    /// <summary>The verifier's name in results.</summary>
    public static string Name => $"rules/{Version}";

    /// <summary>Scores <paramref name="trajectory"/>; <paramref name="resolved"/> is Evaluate's outcome.</summary>
    public static GateResult Verify(Trajectory trajectory, bool resolved, double threshold)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var patched = TurnActions.PatchedFiles(trajectory.Patch);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastEdit = -1;
        var turns = new List<GateTurn>();
        foreach (var step in trajectory.Steps)
        {
            var evidence = new List<string>();
            var scores = new int?[Axes.All.Count];
            scores[0] = Relevance(step, patched, evidence);
            scores[1] = Grounding(trajectory, step, resolved, evidence);
            scores[2] = ToolSelection(step, evidence);
            scores[3] = Redundancy(step, seen, lastEdit, evidence);
            scores[4] = Safety(step, evidence);
            foreach (var call in step.ToolCalls)
            {
                seen.TryAdd(TurnActions.Signature(call), step.Index);
            }

            if (step.ToolCalls.Any(TurnActions.IsEdit))
            {
                lastEdit = step.Index;
            }

            turns.Add(new GateTurn(step.Index, new TurnScores(scores), evidence));
        }

        var all = turns.Select(t => t.Scores).ToList();
        var score = Verdict.Score(all, resolved);
        return new GateResult(Name, score, Verdict.Accept(all, score, threshold), turns);
    }

    private static int Relevance(AgentStep step, IReadOnlySet<string> patched, List<string> evidence)
    {
        if (patched.Count == 0)
        {
            return 3;
        }

        foreach (var call in step.ToolCalls.Where(c => !TurnActions.Searches(c) && !TurnActions.RunsTests(c)))
        {
            var paths = TurnActions.Paths(call).ToList();
            if (paths.Count > 0 && !paths.Any(p => patched.Contains(p) || TurnActions.IsTestFile(p)))
            {
                evidence.Add($"relevance: works on {paths[0]}, which the final patch does not touch");
                return 2;
            }
        }

        return 3;
    }

    private static int Grounding(Trajectory trajectory, AgentStep step, bool resolved, List<string> evidence)
    {
        if (!resolved && step.Index == trajectory.Steps.Count - 1 && ClaimsSuccess().Match($"{step.Thought}\n{step.Content}") is { Success: true } claim)
        {
            evidence.Add($"factual_grounding: claims '{claim.Value}', but the tests say unresolved");
            return 1;
        }

        if (step.Error is not null)
        {
            evidence.Add("factual_grounding: the scaffold recorded an error for this turn");
            return 2;
        }

        return 3;
    }

    private static int ToolSelection(AgentStep step, List<string> evidence)
    {
        if (step.ToolCalls.Count == 0 && step.Feedback.Count > 0)
        {
            evidence.Add("tool_selection: no usable action (the scaffold answered with feedback)");
            return 1;
        }

        foreach (var call in step.ToolCalls)
        {
            if (TurnActions.Failed(step, call) is { } why)
            {
                evidence.Add($"tool_selection: {call.Name}: {why}");
                return 1;
            }
        }

        return 3;
    }

    private static int Redundancy(AgentStep step, Dictionary<string, int> seen, int lastEdit, List<string> evidence)
    {
        foreach (var call in step.ToolCalls)
        {
            if (seen.TryGetValue(TurnActions.Signature(call), out var earlier) && earlier > lastEdit)
            {
                evidence.Add($"redundancy: repeats turn {earlier} with no edit since");
                return 1;
            }
        }

        return 3;
    }

    private static int Safety(AgentStep step, List<string> evidence)
    {
        if (step.ToolCalls.Select(TurnActions.Destructive).FirstOrDefault(d => d is not null) is { } destructive)
        {
            evidence.Add($"unsafe_edits: {destructive}");
            return 1;
        }

        if (step.ToolCalls.Select(TurnActions.Risky).FirstOrDefault(r => r is not null) is { } risky)
        {
            evidence.Add($"unsafe_edits: {risky}");
            return 2;
        }

        return 3;
    }

    [GeneratedRegex(@"\b(all tests pass(ed)?|tests (now )?pass|is (now )?fixed|fixed the (bug|issue)|works now|resolved the issue)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimsSuccess();
}
