namespace TrajectoryBuild.Trajectories.Importing.MiniSweAgent;

/// <summary>
/// mini-swe-agent's actions: each <c>```bash</c> (or <c>```mswea_bash_command</c>) fence, whitespace up to a newline,
/// then the command up to the next <c>\n```</c> (the scaffold's regex <c>```bash\s*\n(.*?)\n```</c>, without a regex).
/// </summary>
internal static class BashBlocks
{
    private static readonly string[] s_fences = ["```bash", "```mswea_bash_command"];

    /// <summary>Each block: where its fence starts, where its closing fence ends, and the command (trimmed).</summary>
    public static List<(int Start, int End, string Command)> Find(string text)
    {
        var blocks = new List<(int, int, string)>();
        var position = 0;
        while (position < text.Length)
        {
            var (start, fence) = NextFence(text, position);
            if (start < 0)
            {
                break;
            }

            var i = start + fence.Length;
            var lastNewline = -1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                lastNewline = text[i] == '\n' ? i : lastNewline;
                i++;
            }

            // An "\n```" right after the fence's own newline may close an empty command; the regex needs a newline
            // before the closing fence, so search from the last newline of the whitespace run.
            var close = lastNewline < 0 ? -1 : text.IndexOf("\n```", lastNewline, StringComparison.Ordinal);
            if (close == lastNewline && lastNewline >= 0)
            {
                close = text.IndexOf("\n```", lastNewline + 1, StringComparison.Ordinal);
            }

            if (close < 0)
            {
                position = start + fence.Length;
                continue;
            }

            blocks.Add((start, close + 4, text[(lastNewline + 1)..close].Trim()));
            position = close + 4;
        }

        return blocks;
    }

    private static (int Start, string Fence) NextFence(string text, int from)
    {
        var best = (-1, "");
        foreach (var fence in s_fences)
        {
            var at = text.IndexOf(fence, from, StringComparison.Ordinal);
            if (at >= 0 && (best.Item1 < 0 || at < best.Item1))
            {
                best = (at, fence);
            }
        }

        return best;
    }
}
