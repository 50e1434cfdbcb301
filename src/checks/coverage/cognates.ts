/**
 * English/French cognates that the stemmers leave apart: "recrutement" and "recruitment" stem to
 * "recrut" and "recruit", "campagne" and "campaign" to "campagn" and "campaign", "contrat" and
 * "contract" to "contrat" and "contract". Two stems of at least `minLength` letters that begin
 * alike and differ by one letter (inserted, dropped or changed) are taken as the same word when
 * they come from different languages. Used only between an essay sentence and challenges written
 * in the other official language, so English essays against English challenges are unaffected.
 *
 * Found with a symmetric-deletion index (each stem and its one-letter deletions), so a lookup
 * costs a few map reads per essay word.
 *
 * Shared module (no default export): not a check.
 */

export interface CognateIndex {
  /** Stem or one-letter deletion of a stem → the challenge stems it comes from. */
  variants: Map<string, Set<string>>;
  minLength: number;
  /** Letters at the start that must agree (deletions start after them). */
  fixedPrefix: number;
}

function variantsOf(key: string, fixedPrefix: number): string[] {
  const out = [key];
  for (let i = fixedPrefix; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

const plainStem = (key: string): boolean => /^[a-z]+$/.test(key);

export function cognateIndex(keys: Iterable<string>, minLength: number, fixedPrefix: number): CognateIndex {
  const variants = new Map<string, Set<string>>();
  for (const key of keys) {
    if (!plainStem(key) || key.length < minLength) continue;
    for (const v of variantsOf(key, fixedPrefix)) {
      const set = variants.get(v) ?? new Set<string>();
      set.add(key);
      variants.set(v, set);
    }
  }
  return { variants, minLength, fixedPrefix };
}

/** Challenge stems that one of the essay word's stems is a cognate of (none when none). */
export function cognatesOf(keys: readonly string[], index: CognateIndex): string[] {
  const found: string[] = [];
  for (const key of keys) {
    if (!plainStem(key) || key.length < index.minLength) continue;
    for (const v of variantsOf(key, index.fixedPrefix)) {
      const hits = index.variants.get(v);
      if (!hits) continue;
      for (const h of hits) {
        // The two must differ by one edit at most: equal length (one change) or one letter more.
        if (Math.abs(h.length - key.length) > 1) continue;
        if (!found.includes(h) && !keys.includes(h)) found.push(h);
      }
    }
  }
  return found;
}
