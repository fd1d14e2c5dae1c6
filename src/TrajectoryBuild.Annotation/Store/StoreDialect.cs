namespace TrajectoryBuild.Annotation.Store;

/// <summary>The database behind the annotation store.</summary>
public enum StoreDialect
{
    /// <summary>An embedded SQLite file in WAL mode (the default: one machine, a handful of annotators).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (teams).</summary>
    Postgres,
}
