/**
 * Small deterministic PRNG helpers for the sample-data generator.
 * mulberry32 + Box–Muller; seeds derived from string keys with a 32-bit hash,
 * so every (school, year, protocol) has its own independent, reproducible stream.
 */

export type Rng = {
  /** uniform in [0, 1) */
  next(): number;
  /** standard normal N(0, 1) */
  normal(): number;
  /** integer in [lo, hi] inclusive */
  int(lo: number, hi: number): number;
};

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a over the UTF-16 code units of a string, followed by a murmur-style finaliser. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function makeRng(seed: number): Rng {
  const u = mulberry32(seed);
  let spare: number | null = null;
  return {
    next: u,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u1 = u();
      while (u1 <= 1e-12) u1 = u();
      const u2 = u();
      const r = Math.sqrt(-2 * Math.log(u1));
      spare = r * Math.sin(2 * Math.PI * u2);
      return r * Math.cos(2 * Math.PI * u2);
    },
    int(lo: number, hi: number) {
      return lo + Math.floor(u() * (hi - lo + 1));
    },
  };
}

/** An independent stream for a key path, e.g. rngFor(42, 'vpr', '990101', 2021, 'Математика', 4). */
export function rngFor(seed: number, ...keys: Array<string | number>): Rng {
  return makeRng(hash32(`${seed}|${keys.join('|')}`));
}
