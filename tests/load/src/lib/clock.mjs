// One clock for every process of a run: CLOCK_MONOTONIC (process.hrtime) is shared by all processes
// on a Linux machine, so a send time stamped in one load agent can be subtracted from an arrival
// time read in another.
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when check() is truthy, polling every stepMs; rejects after timeoutMs. */
export async function waitFor(check, { timeoutMs, stepMs = 50, what = 'condition' }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(stepMs);
  }
}
