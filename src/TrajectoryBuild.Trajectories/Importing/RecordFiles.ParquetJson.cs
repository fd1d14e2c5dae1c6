using System.Collections;
using System.Globalization;
using System.Text.Json;
using Parquet.Schema;

namespace TrajectoryBuild.Trajectories.Importing;

public static partial class RecordFiles
{
    // Parquet.Net's untyped rows omit unset values, so the schema drives the walk: every struct field is written,
    // null when unset, in schema order (what a JSON export of the same dataset holds).
    private static void WriteParquetRow(Utf8JsonWriter writer, ParquetSchema schema, Dictionary<string, object> row)
    {
        writer.WriteStartObject();
        foreach (var field in schema.Fields)
        {
            writer.WritePropertyName(field.Name);
            WriteParquetValue(writer, field, row.TryGetValue(field.Name, out var value) ? value : null);
        }

        writer.WriteEndObject();
    }

    // A row dictionary holds one value per name: a struct (or a schema) whose fields share a name is written from it
    // alone, the readers that write rows from columns leave it to the dictionaries.
    internal static bool UniqueNames(IReadOnlyList<Field> fields) => fields.DistinctBy(f => f.Name, StringComparer.Ordinal).Count() == fields.Count;

    internal static void WriteParquetValue(Utf8JsonWriter writer, Field? field, object? value)
    {
        switch (field, value)
        {
            case (_, null):
                writer.WriteNullValue();
                break;
            case (StructField structField, IDictionary<string, object> members):
                writer.WriteStartObject();
                foreach (var member in structField.Fields)
                {
                    writer.WritePropertyName(member.Name);
                    WriteParquetValue(writer, member, members.TryGetValue(member.Name, out var memberValue) ? memberValue : null);
                }

                writer.WriteEndObject();
                break;
            case (MapField map, IDictionary entries):
                WriteParquetMap(writer, map, entries);
                break;
            case (_, IDictionary<string, object> members):
                writer.WriteStartObject();
                foreach (var (name, memberValue) in members)
                {
                    writer.WritePropertyName(name);
                    WriteParquetValue(writer, null, memberValue);
                }

                writer.WriteEndObject();
                break;
            case (_, string or ReadOnlyMemory<char> or byte[] or ReadOnlyMemory<byte>):
                WriteParquetScalar(writer, value);
                break;
            case (_, IEnumerable items):
                var item = (field as ListField)?.Item;
                writer.WriteStartArray();
                foreach (var element in items)
                {
                    WriteParquetValue(writer, item, element);
                }

                writer.WriteEndArray();
                break;
            default:
                WriteParquetScalar(writer, value);
                break;
        }
    }

    private static void WriteParquetMap(Utf8JsonWriter writer, MapField map, IDictionary entries)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in entries)
        {
            writer.WritePropertyName(entry.Key switch
            {
                string text => text,
                ReadOnlyMemory<char> text => text.ToString(),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            });
            WriteParquetValue(writer, map.Value, entry.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteParquetScalar(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case ReadOnlyMemory<char> text:
                writer.WriteStringValue(text.Span);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case ReadOnlyMemory<byte> bytes:
                writer.WriteBase64StringValue(bytes.Span);
                break;
            case double number when !double.IsFinite(number):
            case float single when !float.IsFinite(single):
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                writer.WriteStringValue(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
