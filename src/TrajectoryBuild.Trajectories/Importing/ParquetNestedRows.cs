using System.Runtime.CompilerServices;
using System.Text.Json;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace TrajectoryBuild.Trajectories.Importing;

/// <summary>
/// The rows of a row group with lists and structs, assembled from its leaf columns (each value with its repetition and
/// definition levels, as Parquet stores nested data) and written as JSON the way <see cref="RecordFiles"/> writes Parquet.Net's
/// row dictionaries: every struct field present (null when unset), lists as arrays, an unset list or struct null (but,
/// unlike those dictionaries, an empty list inside a struct stays empty and a list's null items stay). Parquet.Net's
/// deserializer builds a dictionary for every struct and a list for every list of every row, and compiles its assembler each
/// time; this writes each row straight from the columns: text and binary ones read from their pages as the file's bytes
/// (<see cref="ParquetByteArrays.TryReadLevels"/>), any other (or one whose pages that reader does not take) by
/// Parquet.Net. Rows may be written in any order and at once on several threads. Maps and repeated fields outside a list
/// are not assembled here (<see cref="Read"/> returns null), nor is a row group whose levels do not assemble: Parquet.Net
/// reads those, and reports their damage, as before.
/// </summary>
internal sealed class ParquetNestedRows : IDisposable
{
    private readonly Node[] _fields;
    private readonly Leaf[] _leaves;

    private ParquetNestedRows(Node[] fields, Leaf[] leaves, int count)
    {
        _fields = fields;
        _leaves = leaves;
        Count = count;
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; }

    /// <summary>The paths of the text and binary columns read from their pages (the others Parquet.Net read).</summary>
    public IEnumerable<string> FromPages => _leaves.Where(l => l.FromPages).Select(l => l.Field.Path.ToString());

    /// <summary>
    /// Reads every leaf column of row group <paramref name="group"/> (0-based) and checks that each row assembles; null
    /// when the schema has a shape this does not assemble, or when the columns cannot be read or do not assemble.
    /// </summary>
    public static ParquetNestedRows? Read(ParquetReader reader, Stream stream, int group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(stream);
        var leaves = new List<Leaf>();
        if (!RecordFiles.UniqueNames(reader.Schema.Fields))
        {
            return null;
        }

        var fields = new Node[reader.Schema.Fields.Count];
        for (var index = 0; index < fields.Length; index++)
        {
            if (Shape(reader.Schema.Fields[index], leaves) is not { } node)
            {
                return null;
            }

            fields[index] = node;
        }

        ParquetNestedRows? rows = null;
        try
        {
            using var groupReader = reader.OpenRowGroupReader(group);
            if (groupReader.RowCount > int.MaxValue)
            {
                return null;
            }

            rows = new ParquetNestedRows(fields, [.. leaves], (int)groupReader.RowCount);
            foreach (var leaf in rows._leaves)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A text or binary column from its pages, as the file's bytes; any other, or one those pages do not
                // decode, as Parquet.Net reads it.
                var type = leaf.Field.ClrType;
                var text = type == typeof(ReadOnlyMemory<char>) || type == typeof(string);
                if (text || type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
                {
                    leaf.Take(ParquetByteArrays.TryReadLevels(stream, groupReader.GetMetadata(leaf.Field), leaf.Field.MaxDefinitionLevel, leaf.Field.MaxRepetitionLevel,
                        cancellationToken), text);
                }

                if (!leaf.Taken)
                {
                    leaf.Take(groupReader.ReadRawColumnDataBaseAsync(leaf.Field, cancellationToken).AsTask().GetAwaiter().GetResult());
                }

                if (!leaf.Index(rows.Count))
                {
                    rows.Dispose();
                    return null;
                }
            }

            if (!rows.Assembles())
            {
                rows.Dispose();
                return null;
            }

            return rows;
        }
        catch (Exception exception) when (RecordFiles.IsParquetFailure(exception))
        {
            rows?.Dispose();
            return null;
        }
        catch
        {
            rows?.Dispose();
            throw;
        }
    }

    /// <summary>Writes row <paramref name="row"/> (0-based) as a JSON object.</summary>
    public void Write(Utf8JsonWriter writer, int row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var cursor = new Cursor(_leaves, row);
        writer.WriteStartObject();
        foreach (var field in _fields)
        {
            writer.WritePropertyName(field.Name);
            Walk(field, ref cursor, writer);
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var leaf in _leaves)
        {
            leaf.Dispose();
        }
    }

    // Every row walked without writing: it reads exactly its own levels and values in every column, never past them. A
    // row group that passes is written later, on any thread, by the same walk.
    private bool Assembles()
    {
        try
        {
            for (var row = 0; row < Count; row++)
            {
                var cursor = new Cursor(_leaves, row);
                foreach (var field in _fields)
                {
                    Walk(field, ref cursor, null);
                }

                for (var leaf = 0; leaf < _leaves.Length; leaf++)
                {
                    if (cursor.Entry[leaf] != _leaves[leaf].RowEntry(row + 1) || cursor.Value[leaf] != _leaves[leaf].RowValue(row + 1))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is IndexOutOfRangeException or UnassembledException)
        {
            return false;
        }
    }

    // The node of a field and its leaves (depth first, as the file's columns), or null for a shape not assembled here.
    private static Node? Shape(Field field, List<Leaf> leaves)
    {
        var first = leaves.Count;
        switch (field)
        {
            case DataField { IsArray: false } data:
                leaves.Add(new Leaf(data));
                return new Node(Kind.Data, field, first, []);
            case StructField structField when RecordFiles.UniqueNames(structField.Fields):
                var members = new Node[structField.Fields.Count];
                for (var index = 0; index < members.Length; index++)
                {
                    if (Shape(structField.Fields[index], leaves) is not { } member)
                    {
                        return null;
                    }

                    members[index] = member;
                }

                return members.Length == 0 ? null : new Node(Kind.Struct, field, first, members);
            case ListField list when Shape(list.Item, leaves) is { } item && list.MaxRepetitionLevel == item.Rep && list.MaxDefinitionLevel >= 1:
                return new Node(Kind.List, field, first, [item]);
            default:
                return null;
        }
    }

    // Writes (or, without a writer, only walks) the value of node at the cursor, moving the cursor past it in each of
    // its columns. A column's level beyond its end, or a value beyond its values, throws.
    private void Walk(Node node, ref Cursor cursor, Utf8JsonWriter? writer)
    {
        var first = _leaves[node.First];
        var level = first.DefinitionAt(cursor.Entry[node.First]);
        switch (node.Kind)
        {
            case Kind.Data:
                if (level == node.Def)
                {
                    if (writer is not null)
                    {
                        first.WriteValue(writer, cursor.Value[node.First], cursor.Entry[node.First]);
                    }

                    cursor.Value[node.First]++;
                }
                else
                {
                    writer?.WriteNullValue();
                }

                cursor.Entry[node.First]++;
                return;
            case Kind.Struct when level >= node.Def:
                writer?.WriteStartObject();
                foreach (var member in node.Children)
                {
                    writer?.WritePropertyName(member.Name);
                    Walk(member, ref cursor, writer);
                }

                writer?.WriteEndObject();
                return;
            case Kind.List when level >= node.Def:
                writer?.WriteStartArray();
                bool next;
                do
                {
                    Walk(node.Children[0], ref cursor, writer);
                    next = cursor.Entry[node.First] < first.Entries && first.RepetitionAt(cursor.Entry[node.First]) == node.Rep;
                    if (writer is null)
                    {
                        SameElements(node, ref cursor, next);
                    }
                }
                while (next);

                writer?.WriteEndArray();
                return;
            case Kind.List when level == node.Def - 1:
                writer?.WriteStartArray();
                writer?.WriteEndArray();
                Skip(node, level, ref cursor);
                return;
            default:
                writer?.WriteNullValue();
                Skip(node, level, ref cursor);
                return;
        }
    }

    // A null struct or list, or an empty list, has one entry in each of its columns, all at the same definition level,
    // and no value.
    private void Skip(Node node, int level, ref Cursor cursor)
    {
        for (var leaf = node.First; leaf < node.First + node.Leaves; leaf++)
        {
            if (_leaves[leaf].DefinitionAt(cursor.Entry[leaf]) != level)
            {
                throw new UnassembledException("columns that disagree on where a value is unset");
            }

            cursor.Entry[leaf]++;
        }
    }

    // After an element of a list (checked on the walk without a writer): every column of the list says the same, that
    // another element follows or that the list ends.
    private void SameElements(Node node, ref Cursor cursor, bool next)
    {
        for (var leaf = node.First + 1; leaf < node.First + node.Leaves; leaf++)
        {
            var entry = cursor.Entry[leaf];
            if (next != (entry < _leaves[leaf].Entries && _leaves[leaf].RepetitionAt(entry) == node.Rep))
            {
                throw new UnassembledException("columns that disagree on a list's length");
            }
        }
    }

    // Levels that do not make a row (an array index past a column's end says the same).
    private sealed class UnassembledException(string message) : Exception(message);

    private enum Kind
    {
        Data,
        Struct,
        List,
    }

    // A field of the schema: its name as JSON, the definition level at which it is set (for a list: at which it has an
    // element), the repetition level of its nearest list, its first column and how many columns it spans.
    private sealed class Node(Kind kind, Field field, int first, Node[] children)
    {
        public Kind Kind { get; } = kind;

        public JsonEncodedText Name { get; } = JsonEncodedText.Encode(field.Name);

        public int Def { get; } = field.MaxDefinitionLevel;

        public int Rep { get; } = field.MaxRepetitionLevel;

        public int First { get; } = first;

        public int Leaves { get; } = children.Length == 0 ? 1 : children.Sum(c => c.Leaves);

        public Node[] Children { get; } = children;
    }

    // Where each column is while a row is walked: its next level and its next value.
    private ref struct Cursor
    {
        public Cursor(Leaf[] leaves, int row)
        {
            Entry = new int[leaves.Length];
            Value = new int[leaves.Length];
            for (var leaf = 0; leaf < leaves.Length; leaf++)
            {
                Entry[leaf] = leaves[leaf].RowEntry(row);
                Value[leaf] = leaves[leaf].RowValue(row);
            }
        }

        public Span<int> Entry { get; }

        public Span<int> Value { get; }
    }

    // One leaf column of the row group: its levels and values (read from its pages, or as Parquet.Net reads them), and
    // where each row starts in both.
    private sealed class Leaf(DataField field) : IDisposable
    {
        private IDisposable? _data;

        // The levels as read (empty where the column's highest level is 0), never written here.
        private int[] _definitions = [];
        private int[] _repetitions = [];
        private int[] _rowEntries = [];
        private int[] _rowValues = [];
        private IValues? _values;

        public DataField Field { get; } = field;

        // -1 when the levels are of different lengths.
        public int Entries { get; private set; }

        public bool Taken => _values is not null;

        public bool FromPages => _values is ByteValues;

        public void Take(RawColumnData data)
        {
            _data = data;
            _values = Values.Of(data);
            _definitions = Field.MaxDefinitionLevel > 0 ? data.DefinitionLevels.ToArray() : [];
            _repetitions = Field.MaxRepetitionLevel > 0 ? data.RepetitionLevels.ToArray() : [];
            Entries = Field.MaxDefinitionLevel > 0 ? _definitions.Length : Field.MaxRepetitionLevel > 0 ? _repetitions.Length : _values.Count;
            if (Field.MaxRepetitionLevel > 0 && _repetitions.Length != Entries)
            {
                Entries = -1;
            }
        }

        public void Take(ParquetByteArrays? bytes, bool text)
        {
            if (bytes is null)
            {
                return;
            }

            _data = bytes;
            _values = new ByteValues(bytes, text);
            _definitions = bytes.Definitions ?? [];
            _repetitions = bytes.Repetitions ?? [];
            Entries = bytes.Count;
        }

        // Finds each row's first level and value; false when the levels do not fit the schema or the row count.
        public bool Index(int rows)
        {
            var valueCount = _values!.Count;
            var maxDefinition = Field.MaxDefinitionLevel;
            var maxRepetition = Field.MaxRepetitionLevel;
            if (Entries < 0 || (maxRepetition == 0 && Entries != rows))
            {
                return false;
            }

            _rowEntries = new int[rows + 1];
            _rowValues = new int[rows + 1];
            var row = 0;
            var values = 0;
            for (var entry = 0; entry < Entries; entry++)
            {
                var definition = maxDefinition > 0 ? _definitions[entry] : 0;
                var repetition = maxRepetition > 0 ? _repetitions[entry] : 0;
                if (definition < 0 || definition > maxDefinition || repetition < 0 || repetition > maxRepetition || (entry == 0 && repetition != 0))
                {
                    return false;
                }

                if (repetition == 0)
                {
                    if (row == rows)
                    {
                        return false;
                    }

                    _rowEntries[row] = entry;
                    _rowValues[row] = values;
                    row++;
                }

                if (definition == maxDefinition)
                {
                    values++;
                }
            }

            _rowEntries[rows] = Entries;
            _rowValues[rows] = values;

            // Parquet.Net's values are the first of a span as long as the levels; the pages' values are the entries.
            return row == rows && values <= valueCount;
        }

        public int RowEntry(int row) => _rowEntries[row];

        public int RowValue(int row) => _rowValues[row];

        public int DefinitionAt(int entry) => Field.MaxDefinitionLevel > 0 ? _definitions[entry] : entry < Entries ? 0 : throw new UnassembledException("past the column's end");

        public int RepetitionAt(int entry) => _repetitions[entry];

        public void WriteValue(Utf8JsonWriter writer, int value, int entry) => _values!.Write(writer, value, entry);

        public void Dispose()
        {
            _data?.Dispose();
            _data = null;
        }
    }

    // A column's values: the value-th value, which is at the entry-th level.
    private interface IValues
    {
        int Count { get; }

        void Write(Utf8JsonWriter writer, int value, int entry);
    }

    // A text or binary column read from its pages: each entry's bytes; texts written as Parquet.Net would decode them.
    private sealed class ByteValues(ParquetByteArrays bytes, bool text) : IValues
    {
        public int Count => bytes.Count;

        public void Write(Utf8JsonWriter writer, int value, int entry)
        {
            bytes.IsNull(entry, out var span);
            if (text)
            {
                ParquetColumns.WriteText(writer, span);
            }
            else
            {
                writer.WriteBase64StringValue(span);
            }
        }
    }

    private static class Values
    {
        public static IValues Of(RawColumnData data)
        {
            var type = data.GetType();
            while (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(RawColumnData<>))
            {
                type = type.BaseType ?? throw new InvalidOperationException($"column data of an unexpected type: {data.GetType()}");
            }

            return (IValues)Activator.CreateInstance(typeof(Values<>).MakeGenericType(type.GetGenericArguments()[0]), data)!;
        }
    }

    // A column's values of one type: texts and flags written directly, anything else as Parquet.Net's row dictionaries
    // hold it (boxed), so that it is written the same way.
    private sealed class Values<T>(RawColumnData<T> data) : IValues
        where T : struct
    {
        public int Count => data.Values.Length;

        public void Write(Utf8JsonWriter writer, int value, int entry)
        {
            WriteValue(writer, data.Values[value]);
        }

        private static void WriteValue(Utf8JsonWriter writer, T value)
        {
            if (typeof(T) == typeof(ReadOnlyMemory<char>))
            {
                writer.WriteStringValue(Unsafe.As<T, ReadOnlyMemory<char>>(ref value).Span);
            }
            else if (typeof(T) == typeof(bool))
            {
                writer.WriteBooleanValue(Unsafe.As<T, bool>(ref value));
            }
            else
            {
                RecordFiles.WriteParquetValue(writer, null, value);
            }
        }
    }
}
