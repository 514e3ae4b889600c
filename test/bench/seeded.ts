/**
 * Seeded, index-addressed randomness for the benchmark generator: the same (seed, indices) give
 * the same number on every machine and in every order, so a value can be recomputed anywhere
 * (base database, region bundles, entry files) without storing it.
 */

/** murmur3's finaliser: a good 32-bit mix. */
function fmix32(h: number): number {
  let x = h | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A number in [0, 1) determined by the seed and the indices. */
export function unit(seed: number, ...indices: number[]): number {
  let h = fmix32(seed ^ 0x9e3779b9);
  for (const i of indices) h = fmix32(h ^ Math.imul(i + 1, 0x27d4eb2d));
  return h / 4294967296;
}

/** A stable 32-bit number for a text (FNV-1a), to key randomness by codes. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
