namespace TrajectoryBuild.Trajectories.Importing.PythonLiteral;

/// <summary>Where <see cref="PythonLiteralParser"/> puts the values it reads, in document order.</summary>
internal interface ILiteralSink
{
    void StartObject();

    void EndObject();

    void StartArray();

    void EndArray();

    void PropertyName(ReadOnlySpan<char> name);

    void String(ReadOnlySpan<char> value);

    void Boolean(bool value);

    void Null();

    void Number(long value);

    void Number(double value);

    void Number(decimal value);
}
