namespace TrajectoryBuild.Packaging.Output;

/// <summary>The type of one column, inferred from a config's rows (Hugging Face dtypes <c>string</c>, <c>bool</c>, <c>int64</c>, <c>float64</c>, <c>string</c>).</summary>
public enum ShardColumnType
{
    /// <summary>Every value is a JSON string (or null).</summary>
    Text,

    /// <summary>Every value is true or false (or null).</summary>
    Flag,

    /// <summary>Every value is an integral number that fits 64 bits (or null).</summary>
    WholeNumber,

    /// <summary>Every value is a number (or null) and at least one is not a 64-bit integer.</summary>
    RealNumber,

    /// <summary>Objects, arrays or mixed kinds: Parquet holds each value's compact JSON text in a string column.</summary>
    Json,
}
