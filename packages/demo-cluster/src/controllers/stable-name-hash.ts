/**
 * Deterministic name suffixes in the alphabet Kubernetes uses for generated names
 * (no vowels, no look-alike digits), so the same object always gets the same pod names.
 */

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a over the string, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** A `length`-character suffix derived from `seed` text. */
export function safeSuffix(seed: string, length: number): string {
  let out = '';
  let hash = fnv1a(seed);
  for (let i = 0; i < length; i++) {
    if (i > 0 && i % 6 === 0) hash = fnv1a(`${seed}#${i}#${hash}`);
    out += SAFE_ALPHABET[hash % SAFE_ALPHABET.length];
    hash = Math.floor(hash / SAFE_ALPHABET.length);
  }
  return out;
}

/** `length` lowercase hex characters derived from `seed` text (container IDs, image digests). */
export function stableHex(seed: string, length: number): string {
  let out = '';
  let round = 0;
  while (out.length < length) out += fnv1a(`${seed}:${round++}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}
