using System.Globalization;

namespace TrajectoryBuild.Trajectories.Importing.Aider;

/// <summary>
/// One Aider session while it is read: its lines grouped into blocks (user <c>####</c> lines, tool <c>&gt;</c> lines,
/// assistant text). A blank line ends a user or tool block; lines inside an open SEARCH/REPLACE block are always the
/// assistant's, whatever they start with.
/// </summary>
internal sealed partial class AiderSession
{
    private readonly List<AiderBlock> _blocks = [];
    private AiderBlock? _current;
    private bool _inEdit;
    private int _editLine;

    private AiderSession()
    {
    }

    /// <summary>Reads a session's text (the lines after its header line); fails on a bad header or a file cut inside an edit.</summary>
    public static AiderSession Read(string startedAt, int headerLine, string text, bool endOfFile)
    {
        if (!DateTime.TryParseExact(startedAt.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ImportException("$", $"expected the session start as yyyy-MM-dd HH:mm:ss, found '{startedAt}'");
        }

        var session = new AiderSession();
        var number = headerLine;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            session.Add(text[start..end], ++number);
            start = end + 1;
        }

        if (session._inEdit && endOfFile)
        {
            throw new ImportException($"line {session._editLine}", "truncated: the SEARCH/REPLACE block that starts here is not closed at the end of the file");
        }

        session.ReadBanner();
        return session;
    }

    private void Add(string line, int number)
    {
        if (_inEdit || !TryPrefixed(line, number))
        {
            if (line.Length == 0 && _current is not { Kind: AiderBlockKind.Assistant })
            {
                _current = null;
                return;
            }

            Append(AiderBlockKind.Assistant, line, number);
            if (_inEdit ? SearchReplaceBlocks.IsReplace(line) : SearchReplaceBlocks.IsSearch(line))
            {
                (_inEdit, _editLine) = (!_inEdit, number);
            }
        }
    }

    private bool TryPrefixed(string line, int number)
    {
        if (line.StartsWith("####", StringComparison.Ordinal) && (line.Length == 4 || line[4] == ' '))
        {
            var text = line.Length > 5 ? line[5..] : "";
            Append(AiderBlockKind.User, text.EndsWith("  ", StringComparison.Ordinal) ? text[..^2] : text, number);
            return true;
        }

        if (line == ">" || line.StartsWith("> ", StringComparison.Ordinal))
        {
            Append(AiderBlockKind.Tool, line.Length > 2 ? line[2..].TrimEnd() : "", number);
            return true;
        }

        return false;
    }

    private void Append(AiderBlockKind kind, string text, int number)
    {
        if (_current is null || _current.Kind != kind)
        {
            _current = new AiderBlock(kind, number);
            _blocks.Add(_current);
        }

        _current.Lines.Add(text);
    }
}
