using TrajectoryBuild.Trajectories.Importing.PythonLiteral;
using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Trajectories.Importing.Nebius;

/// <summary>
/// The turns of a trajectory given as a Python literal, read straight from the literal (no JSON in between) when every
/// turn is well-formed. Anything else (an error to report) yields null: the importer then reads the literal through
/// JSON, which names the error.
/// </summary>
internal static class LiteralTurns
{
    public static List<NebiusTurn>? TryRead(string text, IReadOnlySet<string> known)
    {
        if (!PythonLiteralParser.TryReadTree(text, out var tree) || tree is not List<object?> items)
        {
            return null;
        }

        var turns = new List<NebiusTurn>(items.Count);
        foreach (var item in items)
        {
            if (item is not List<KeyValuePair<string, object?>> fields || Turn(fields, known) is not { } turn)
            {
                return null;
            }

            turns.Add(turn);
        }

        return turns;
    }

    private static NebiusTurn? Turn(List<KeyValuePair<string, object?>> fields, IReadOnlySet<string> known)
    {
        string? role = null, text = null, systemPrompt = null, cutoff = null;
        var seen = 0;
        foreach (var (name, value) in fields)
        {
            if (!known.Contains(name) || value is not (null or string or bool))
            {
                return null;
            }

            var bit = name switch { "role" => 1, "text" => 2, "system_prompt" => 4, "cutoff_date" => 8, _ => 16 };
            if ((seen & bit) != 0 || (bit == 16 ? value is string : value is bool))
            {
                return null;
            }

            seen |= bit;
            var s = value as string;
            (role, text, systemPrompt, cutoff) = bit switch
            {
                1 => (s, text, systemPrompt, cutoff),
                2 => (role, s, systemPrompt, cutoff),
                4 => (role, text, s, cutoff),
                8 => (role, text, systemPrompt, s),
                _ => (role, text, systemPrompt, cutoff),
            };
        }

        var complete = role switch
        {
            "ai" or "user" => text is not null,
            "system" => (systemPrompt ?? text) is not null,
            _ => false,
        };
        return complete ? new NebiusTurn(role!, JsonText.OfNullable(text), JsonText.OfNullable(systemPrompt), cutoff) : null;
    }
}
