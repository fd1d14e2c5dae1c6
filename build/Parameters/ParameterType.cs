namespace Build.Parameters;

internal enum ParameterType
{
    Text,
    PositiveInteger,
    Boolean,
    Stage,
    Version,
    OptionalText,
    Shard,
    Suite,
}
