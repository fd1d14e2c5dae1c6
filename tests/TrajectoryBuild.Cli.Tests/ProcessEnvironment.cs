namespace TrajectoryBuild.Cli.Tests;

/// <summary>
/// Tests that set a variable of the process environment. The commands run in this process (and the child processes
/// started meanwhile inherit it), and a plan's stamp holds the environment: such a test running beside another made
/// that one's second plan a plan in full now and then, and handed it credentials it was not given. These run alone,
/// after the others.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
