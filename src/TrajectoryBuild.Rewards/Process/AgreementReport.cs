using System.Globalization;
using System.Text;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>Agreement of each heuristic's labels with human labels (<see cref="HumanLabels"/>) on the annotated slice.</summary>
/// <param name="Heuristics">One row per heuristic measured, in the order given.</param>
/// <param name="Trajectories">How many trajectories had at least one human-scored turn.</param>
public sealed record AgreementReport(IReadOnlyList<HeuristicAgreement> Heuristics, int Trajectories)
{
    /// <summary>Measures <paramref name="heuristics"/> (names; all known ones when null) over the human-scored turns of <paramref name="trajectories"/>.</summary>
    public static AgreementReport Measure(IEnumerable<TrajectoryFacts> trajectories, IReadOnlyList<string>? heuristics = null)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        var measured = (heuristics ?? StepHeuristics.Names)
            .Select(n => StepHeuristics.Find(n) ?? throw new ArgumentException($"unknown heuristic '{n}'", nameof(heuristics)))
            .ToList();
        var counts = measured.Select(_ => new int[3]).ToList();
        var annotated = 0;
        foreach (var facts in trajectories)
        {
            var human = HumanLabels.Of(facts);
            if (human.Count == 0)
            {
                continue;
            }

            annotated++;
            for (var h = 0; h < measured.Count; h++)
            {
                foreach (var (step, signal) in measured[h].Label(facts))
                {
                    counts[h][0]++;
                    if (human.TryGetValue(step, out var person))
                    {
                        counts[h][1]++;
                        counts[h][2] += person.Label == signal.Label ? 1 : 0;
                    }
                }
            }
        }

        return new([.. measured.Select((h, i) => new HeuristicAgreement(h.Name, counts[i][0], counts[i][1], counts[i][2]))], annotated);
    }

    /// <summary>A plain-text table: heuristic, fired, compared, agreed, share.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Heuristic agreement with human labels ({Trajectories} annotated trajectories)\n");
        text.Append(CultureInfo.InvariantCulture, $"{"heuristic",-18} {"fired",6} {"compared",9} {"agreed",7} {"share",7}\n");
        foreach (var row in Heuristics)
        {
            var share = row.Share is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "-";
            text.Append(CultureInfo.InvariantCulture, $"{row.Heuristic,-18} {row.Fired,6} {row.Compared,9} {row.Agreed,7} {share,7}\n");
        }

        return text.ToString();
    }
}
