using TrajectoryBuild.MacroBench;

return await MacroBenchApp.MainAsync(args).ConfigureAwait(false);
