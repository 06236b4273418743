/** Small helpers of the bench: statistics, the result record, process memory from /proc. */
import fs from 'node:fs';

/** One measure in docs/bench-results.json (memory and bundle measures keep the same keys; the unit is in the key's name). */
export interface Measure {
  median_ms: number | null;
  p95_ms: number | null;
  reference: string | null;
  reference_median_ms: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank 95th percentile (for 5 runs it is the slowest run). */
export function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}

const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

export function measure(
  samples: number[],
  opts: { reference?: string; referenceMedian?: number | null; target?: string; met?: (m: Measure) => boolean } = {},
): Measure {
  const m: Measure = {
    median_ms: round(median(samples)),
    p95_ms: round(p95(samples)),
    reference: opts.reference ?? null,
    reference_median_ms: round(opts.referenceMedian ?? null),
    ratio: null,
    target: opts.target ?? null,
    met: null,
  };
  if (m.reference_median_ms) m.ratio = round(m.median_ms! / m.reference_median_ms, 2);
  if (opts.met) m.met = opts.met(m);
  return m;
}

/** Pids of every process descended from `root` (Playwright's Chromium and its helpers). */
export function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      // process ended meanwhile
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    let p = parent.get(pid);
    for (let hops = 0; p && hops < 20; hops++) {
      if (p === root) {
        out.push(pid);
        break;
      }
      p = parent.get(p);
    }
  }
  return out;
}

function kib(text: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

export interface ProcMemory {
  pid: number;
  type: string;
  /** Peak resident set (VmHWM) of the process so far, KiB. */
  hwmKiB: number;
  /** Proportional set size now (shared pages split between processes), KiB. */
  pssKiB: number;
}

export function chromiumMemory(root: number): ProcMemory[] {
  const out: ProcMemory[] = [];
  for (const pid of descendants(root)) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chrom')) continue;
      const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
      const utility = type === 'utility' ? `:${/--utility-sub-type=([\w.]+)/.exec(cmd)?.[1]?.split('.').pop() ?? ''}` : '';
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      out.push({ pid, type: type + utility, hwmKiB: kib(status, 'VmHWM'), pssKiB: kib(rollup, 'Pss') });
    } catch {
      // process ended meanwhile
    }
  }
  return out;
}

/**
 * Samples the summed PSS of all Chromium processes every `everyMs` and keeps the peak, plus each
 * process's VmHWM at the last sample (the kernel's own peak RSS, which a sampler cannot miss).
 */
export function memorySampler(root: number, everyMs = 200) {
  let peakPssKiB = 0;
  let last: ProcMemory[] = [];
  const hwm = new Map<number, ProcMemory>();
  const tick = () => {
    last = chromiumMemory(root);
    const sum = last.reduce((s, p) => s + p.pssKiB, 0);
    if (sum > peakPssKiB) peakPssKiB = sum;
    for (const p of last) hwm.set(p.pid, p);
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      tick();
      clearInterval(timer);
      const procs = [...hwm.values()];
      const renderers = procs.filter((p) => p.type === 'renderer');
      return {
        peakPssMiB: peakPssKiB / 1024,
        maxRendererHwmMiB: Math.max(0, ...renderers.map((p) => p.hwmKiB)) / 1024,
        sumHwmMiB: procs.reduce((s, p) => s + p.hwmKiB, 0) / 1024,
        procs,
      };
    },
  };
}
