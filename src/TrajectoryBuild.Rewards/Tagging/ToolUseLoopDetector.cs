using System.Globalization;
using System.Text.RegularExpressions;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// 2. Tool-use loop: the same action and observation <see cref="TaggingOptions.LoopRepeats"/> times in a row or within
/// twice that many steps, an A-B-A-B alternation of as many cycles, the same error as many times, the scaffold's own
/// format or repetition exit, or the step budget spent with actions repeated.
/// </summary>
internal static partial class ToolUseLoopDetector
{
    public static DetectorFinding? Detect(TaggingContext context)
    {
        var repeats = context.Options.LoopRepeats;
        var evidence = new List<string>();
        if (context.Trajectory.ExitStatus is { } status && LoopStatus().IsMatch(status))
        {
            evidence.Add($"exit status '{status}'");
        }

        // An alternation also repeats each of its actions within the window: name the more specific pattern.
        if ((Alternating(context, repeats) ?? Repeated(context, repeats)) is { } pattern)
        {
            evidence.Add(pattern);
        }

        if (RepeatedError(context, repeats) is { } error)
        {
            evidence.Add(error);
        }

        if (evidence.Count == 0 && OutOfSteps(context) is { } budget && MostRepeated(context) is { } most)
        {
            evidence.Add(budget);
            evidence.Add(most);
        }

        return evidence.Count == 0 ? null : TaggingContext.Finding(FailureClass.ToolUseLoop, evidence);
    }

    /// <summary>The first step whose action and observation come back <paramref name="repeats"/> times within 2 x repeats steps.</summary>
    private static string? Repeated(TaggingContext context, int repeats)
    {
        var pairs = context.Pairs;
        for (var i = 0; i < pairs.Count; i++)
        {
            var hits = new List<int> { i };
            for (var j = i + 1; j < pairs.Count && j < i + (2 * repeats) && hits.Count < repeats; j++)
            {
                if (pairs[j] == pairs[i])
                {
                    hits.Add(j);
                }
            }

            if (hits.Count >= repeats)
            {
                var consecutive = hits[^1] - hits[0] == hits.Count - 1;
                return $"the same action and output {hits.Count} times {(consecutive ? "in a row" : "within " + (2 * repeats) + " steps")}"
                    + $" ({string.Join(", ", hits.Select(context.StepName))}): `{StepActions.Short(pairs[i].Action, 60)}`";
            }
        }

        return null;
    }

    private static string? Alternating(TaggingContext context, int repeats)
    {
        var pairs = context.Pairs;
        var length = 2 * repeats;
        for (var i = 0; i + length <= pairs.Count; i++)
        {
            if (pairs[i] == pairs[i + 1])
            {
                continue;
            }

            var cycle = true;
            for (var k = i + 2; k < i + length && cycle; k++)
            {
                cycle = pairs[k] == pairs[k - 2];
            }

            if (cycle)
            {
                return $"{context.StepName(i)} to {context.StepName(i + length - 1)} alternate two actions {repeats} times: "
                    + $"`{StepActions.Short(pairs[i].Action, 40)}` / `{StepActions.Short(pairs[i + 1].Action, 40)}`";
            }
        }

        return null;
    }

    private static string? RepeatedError(TaggingContext context, int repeats)
    {
        var seen = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < context.Steps.Count; i++)
        {
            if (StepActions.ErrorOf(context.Steps[i]) is not { Length: > 0 } error)
            {
                continue;
            }

            if (!seen.TryGetValue(error, out var steps))
            {
                seen[error] = steps = [];
            }

            steps.Add(i);
            if (steps.Count == repeats)
            {
                return $"the same error {repeats} times ({string.Join(", ", steps.Select(context.StepName))}): \"{StepActions.Short(error, 60)}\"";
            }
        }

        return null;
    }

    private static string? OutOfSteps(TaggingContext context)
    {
        var trajectory = context.Trajectory;
        if (trajectory.ExitStatus is { } status && StepLimitStatus().IsMatch(status))
        {
            return $"exit status '{status}'";
        }

        if (trajectory.Error is { } error && StepLimitStatus().Match(error) is { Success: true } match)
        {
            return $"run error: '{match.Value}'";
        }

        var limit = context.Facts.StepLimit;
        return limit is > 0 && context.Steps.Count >= limit * context.Options.MaxStepsRatio
            ? string.Create(CultureInfo.InvariantCulture, $"{context.Steps.Count} steps of a {limit}-step budget (>= {context.Options.MaxStepsRatio})")
            : null;
    }

    /// <summary>The action repeated most (at least twice), as evidence of spending the budget on repeats.</summary>
    private static string? MostRepeated(TaggingContext context)
    {
        var most = context.Pairs
            .Select((p, i) => (p.Action, i))
            .GroupBy(p => p.Action, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.First().i)
            .FirstOrDefault();
        return most is null ? null : $"`{StepActions.Short(most.Key, 60)}` repeated {most.Count()} times ({string.Join(", ", most.Select(p => context.StepName(p.i)))})";
    }

    [GeneratedRegex(@"format|repeated|loop", RegexOptions.IgnoreCase)]
    private static partial Regex LoopStatus();

    [GeneratedRegex(@"step_limit|max_steps|max_iterations?|maximum iteration|maximum number of (steps|iterations)|LimitsExceeded|exit_step", RegexOptions.IgnoreCase)]
    private static partial Regex StepLimitStatus();
}
