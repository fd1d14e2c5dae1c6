namespace TrajectoryBuild.Tests.Scheduling;

/// <summary>
/// Tests that set a variable of the process environment. A plan's stamp holds the environment (it is part of the world
/// a kept plan was made in), so such a test running beside another that expects its second plan to be answered from
/// the stamp made that one fail now and then (PlanBaseTests, in CI on 2026-11-25). These run alone, after the others.
/// </summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
