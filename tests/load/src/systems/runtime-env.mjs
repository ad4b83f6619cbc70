// The .NET runtime settings every .NET server of the bench gets (PostMortem and the floor alike, so "÷ floor"
// compares code, not settings). Both are environment-only knobs; infra/run.sh and infra/Dockerfile set the same.
export const DOTNET_RUNTIME_ENV = Object.freeze({
  // Thread-pool workers spin (sched_yield) before sleeping; on two shared cores that costs ~10 % of a core with
  // the server idle and more under load, CPU the load agents and Redis need (finding 4). The runtimeconfig
  // property of the same name had no effect on .NET 10 here.
  DOTNET_ThreadPool_UnfairSemaphoreSpinLimit: '0',
  // The gen0 budget, hex: 4 MB. By default the GC sizes it from the L3 cache (on the 260 MB-L3 Xeon where this was
  // found, ~130 MB of garbage stayed resident between collections; on a 32 MB L3 it matters far less; finding 11).
  // No runtimeconfig name exists for it.
  DOTNET_GCgen0size: '400000',
});
