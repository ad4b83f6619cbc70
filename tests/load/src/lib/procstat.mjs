// CPU time and memory of a process from /proc (Linux only). CPU is utime+stime of the process
// itself (its threads included); memory is VmRSS now and VmHWM, the kernel's peak-RSS mark.
import { readFileSync } from 'node:fs';

// USER_HZ is 100 on every Linux configuration Node supports; /proc/<pid>/stat counts in it.
const TICKS_PER_SECOND = 100;

/** Parses the text of /proc/<pid>/stat into CPU seconds (user + system). */
export function parseStatCpuSeconds(text) {
  // The command name (field 2) may hold spaces and parentheses: fields resume after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime (field 15) is rest[12].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** Parses VmRSS and VmHWM (bytes) from the text of /proc/<pid>/status. */
export function parseStatusMemory(text) {
  const kb = (name) => {
    const m = text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) * 1024 : null;
  };
  return { rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') };
}

/** One reading of a live process, or null when it has gone. */
export function sample(pid) {
  try {
    const cpuSeconds = parseStatCpuSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const mem = parseStatusMemory(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuSeconds, ...mem };
  } catch {
    return null;
  }
}

/**
 * Samples a set of named processes every intervalMs between start() and stop(); stop() returns,
 * per name, the CPU seconds used in the window, the peak RSS seen in the window and VmHWM.
 */
export class ProcessSampler {
  constructor(targets, intervalMs = 250) {
    this.targets = targets; // [{ name, pid }]
    this.intervalMs = intervalMs;
    this.state = new Map();
    this.timer = null;
  }

  start() {
    for (const t of this.targets) {
      const s = sample(t.pid);
      this.state.set(t.name, { pid: t.pid, first: s, last: s, peakRss: s?.rssBytes ?? 0 });
    }
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  tick() {
    for (const st of this.state.values()) {
      const s = sample(st.pid);
      if (!s) continue;
      st.last = s;
      if (s.rssBytes > st.peakRss) st.peakRss = s.rssBytes;
    }
  }

  stop() {
    clearInterval(this.timer);
    this.tick();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const out = {};
    for (const [name, st] of this.state) {
      const cpu = st.first && st.last ? st.last.cpuSeconds - st.first.cpuSeconds : null;
      out[name] = {
        cpuSeconds: cpu,
        cpuPercent: cpu == null ? null : (100 * cpu) / seconds,
        peakRssBytes: st.peakRss,
        rssBytes: st.last?.rssBytes ?? null,
        hwmBytes: st.last?.hwmBytes ?? null,
      };
    }
    return { seconds, processes: out };
  }
}
