using System.Globalization;
using System.Text.RegularExpressions;

using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// 4. Broken implementation: the patch was filtered (does not apply, reaches outside the repository) or is empty; the test
/// run (or the agent's last one) hit a syntax or import error; or at least <see cref="TaggingOptions.EditFailureRatio"/>
/// of the edits failed (two failures at least).
/// </summary>
internal static partial class BrokenImplementationDetector
{
    public static DetectorFinding? Detect(TaggingContext context)
    {
        var evidence = new List<string>();
        var evaluation = context.Facts.Evaluation;
        if (evaluation.IsFiltered)
        {
            evidence.Add($"patch filtered: {evaluation.FilterReason ?? "no reason given"}");
        }

        if (string.IsNullOrWhiteSpace(context.Trajectory.Patch))
        {
            evidence.Add($"empty patch (exit status '{context.Trajectory.ExitStatus ?? "none"}')");
        }

        var errors = evaluation.TestErrors.Where(e => CodeError().IsMatch(e)).Take(3).ToList();
        if (errors.Count > 0)
        {
            evidence.AddRange(errors.Select(e => $"test run: {StepActions.Short(e)}"));
        }
        else if (LastTestRunError(context) is { } agent)
        {
            evidence.Add(agent);
        }

        if (EditFailures(context) is { } edits)
        {
            evidence.Add(edits);
        }

        return evidence.Count == 0 ? null : TaggingContext.Finding(FailureClass.BrokenImplementation, evidence);
    }

    private static string? LastTestRunError(TaggingContext context)
    {
        for (var i = context.Steps.Count - 1; i >= 0; i--)
        {
            var step = context.Steps[i];
            var run = step.ToolCalls.LastOrDefault(TurnActions.RunsTests);
            if (run is null)
            {
                continue;
            }

            var output = TurnActions.ObservationFor(step, run)?.Content ?? "";
            return CodeError().Match(output) is { Success: true } match
                ? $"{context.StepName(i)} (the last test run): {StepActions.Short(LineAt(output, match.Index))}"
                : null;
        }

        return null;
    }

    private static string? EditFailures(TaggingContext context)
    {
        var edits = 0;
        var failed = new List<string>();
        for (var i = 0; i < context.Steps.Count; i++)
        {
            foreach (var call in context.Steps[i].ToolCalls.Where(TurnActions.IsEdit))
            {
                edits++;
                if (StepActions.EditFailure(context.Steps[i], call) is { } why)
                {
                    failed.Add($"{context.StepName(i)}: {why}");
                }
            }
        }

        var ratio = edits == 0 ? 0 : (double)failed.Count / edits;
        return failed.Count >= 2 && ratio >= context.Options.EditFailureRatio
            ? string.Create(CultureInfo.InvariantCulture, $"{failed.Count} of {edits} edits failed ({ratio:0.00} >= {context.Options.EditFailureRatio}): {string.Join("; ", failed.Take(3))}")
            : null;
    }

    private static string LineAt(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [GeneratedRegex(@"\b(SyntaxError|IndentationError|TabError|ImportError|ModuleNotFoundError|NameError)\b|ERROR collecting|errors? during collection")]
    private static partial Regex CodeError();
}
