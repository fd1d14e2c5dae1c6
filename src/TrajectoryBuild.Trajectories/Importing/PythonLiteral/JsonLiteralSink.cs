using System.Text.Json;

namespace TrajectoryBuild.Trajectories.Importing.PythonLiteral;

/// <summary>Writes a literal's values as JSON.</summary>
internal sealed class JsonLiteralSink(Utf8JsonWriter writer) : ILiteralSink
{
    public void StartObject() => writer.WriteStartObject();

    public void EndObject() => writer.WriteEndObject();

    public void StartArray() => writer.WriteStartArray();

    public void EndArray() => writer.WriteEndArray();

    public void PropertyName(ReadOnlySpan<char> name) => writer.WritePropertyName(name);

    public void String(ReadOnlySpan<char> value) => writer.WriteStringValue(value);

    public void Boolean(bool value) => writer.WriteBooleanValue(value);

    public void Null() => writer.WriteNullValue();

    public void Number(long value) => writer.WriteNumberValue(value);

    public void Number(double value) => writer.WriteNumberValue(value);

    public void Number(decimal value) => writer.WriteNumberValue(value);
}
