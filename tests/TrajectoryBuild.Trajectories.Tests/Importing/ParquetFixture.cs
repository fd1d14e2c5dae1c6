using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace TrajectoryBuild.Trajectories.Tests.Importing;

/// Writes JSON rows as a Parquet file with Parquet.Net, in the nested shapes of the Hugging Face datasets.
internal static class ParquetFixture
{
    public static DataField<string> Text(string name) => new(name);

    /// OpenAI chat messages: list&lt;struct&lt;role, content, tool_calls: list&lt;struct&lt;id, type, function: struct&lt;name, arguments&gt;&gt;&gt;, tool_call_id, name&gt;&gt;.
    public static ListField Messages(string name) => new(name, new StructField("element",
        Text("role"), Text("content"),
        new ListField("tool_calls", new StructField("element", Text("id"), Text("type"), new StructField("function", Text("name"), Text("arguments")))),
        Text("tool_call_id"), Text("name")));

    /// OpenAI tool definitions (name and description only).
    public static ListField Tools(string name) => new(name, new StructField("element", Text("type"), new StructField("function", Text("name"), Text("description"))));

    public static void Write(string path, ParquetSchema schema, IEnumerable<JsonObject> rows, int rowGroupSize)
    {
        var data = rows.Select(row => (IDictionary<string, object?>)Struct(schema.Fields, row)).ToList();
        using var stream = File.Create(path);
        ParquetSerializer.SerializeUntypedAsync(data, schema, stream, new ParquetOptions { RowGroupSize = rowGroupSize }).GetAwaiter().GetResult();
    }

    public static IEnumerable<JsonObject> JsonLines(string path) => File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject());

    private static Dictionary<string, object?> Struct(IEnumerable<Field> fields, JsonObject value) =>
        fields.ToDictionary(f => f.Name, f => Value(f, value[f.Name]));

    private static object? Value(Field field, JsonNode? node) => node is null ? null : field switch
    {
        StructField structField => Struct(structField.Fields, node.AsObject()),
        ListField { Item: StructField item } => node.AsArray().Select(n => Struct(item.Fields, n!.AsObject())).ToList(),
        ListField => node.AsArray().Select(n => (ReadOnlyMemory<char>?)n!.GetValue<string>().AsMemory()).ToList(),
        DataField data when data.ClrType == typeof(bool) => node.GetValue<bool>(),
        DataField data when data.ClrType == typeof(long) => node.GetValue<long>(),
        DataField data when data.ClrType == typeof(double) => node.GetValue<double>(),
        _ => node.GetValue<string>(),
    };
}
