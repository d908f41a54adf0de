using Vigil.Cli;

// `vigil` is one executable: the web host (`serve`) and the administration verbs.
return await VigilCli.RunAsync(args);
