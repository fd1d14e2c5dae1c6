using System.Collections;
using System.Diagnostics.CodeAnalysis;
using TrajectoryBuild.Keys;

namespace TrajectoryBuild.Cache;

/// <summary>
/// A target's output files by relative path, in ordinal order, as an action entry holds them. Most targets have one or
/// two outputs and a plan reads hundreds of thousands of entries, so the map is two sorted arrays rather than a tree.
/// </summary>
internal sealed class OutputMap : IReadOnlyDictionary<string, OutputFile>
{
    private readonly string[] _names;
    private readonly OutputFile[] _files;

    private OutputMap(string[] names, OutputFile[] files)
    {
        _names = names;
        _files = files;
    }

    /// <summary>
    /// The map of the outputs <paramref name="names"/>[i] to <paramref name="files"/>[i], given in any order (the arrays
    /// are taken over); a name given twice keeps its last file, as setting it twice in a dictionary does.
    /// </summary>
    public static OutputMap Of(string[] names, OutputFile[] files)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(files);
        if (names.Length != files.Length)
        {
            throw new ArgumentException($"{names.Length} names for {files.Length} files", nameof(files));
        }

        var sorted = true;
        for (var i = 1; i < names.Length && sorted; i++)
        {
            sorted = string.CompareOrdinal(names[i - 1], names[i]) < 0;
        }

        if (sorted)
        {
            return new OutputMap(names, files);
        }

        // By name, then by place: of a name given twice, the last is kept.
        var order = NameOrder.Of(names);
        var keptNames = new List<string>(order.Length);
        var keptFiles = new List<OutputFile>(order.Length);
        foreach (var i in order)
        {
            if (keptNames.Count > 0 && keptNames[^1] == names[i])
            {
                keptFiles[^1] = files[i];
                continue;
            }

            keptNames.Add(names[i]);
            keptFiles.Add(files[i]);
        }

        return new OutputMap([.. keptNames], [.. keptFiles]);
    }

    /// <inheritdoc />
    public OutputFile this[string key] =>
        TryGetValue(key, out var file) ? file : throw new KeyNotFoundException($"no output '{key}' (outputs: {string.Join(", ", _names)})");

    /// <inheritdoc />
    public IEnumerable<string> Keys => _names;

    /// <inheritdoc />
    public IEnumerable<OutputFile> Values => _files;

    /// <inheritdoc />
    public int Count => _names.Length;

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out OutputFile value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _files[i] : null;
        return i >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, OutputFile>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return KeyValuePair.Create(_names[i], _files[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Array.BinarySearch(_names, key, StringComparer.Ordinal);
    }
}
