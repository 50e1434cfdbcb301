/**
 * Essays with known overlaps, built from real essay texts, for the near-duplicate tests and the
 * calibration bench: copied paragraphs, a shared template, light rewording. Deterministic (seeded).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface CorpusText {
  id: string;
  text: string;
  group: string;
  meta?: Record<string, unknown>;
  vacancy?: string;
  language?: string;
}

/** ../shared/corpus/ai-text/<name>/<name>.jsonl, read from the repository root. */
export function readCorpus(name: string): CorpusText[] {
  const path = resolve(process.cwd(), '..', 'shared', 'corpus', 'ai-text', name, `${name}.jsonl`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusText);
}

/** A small seeded generator (mulberry32) so generated overlaps are the same on every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export const asBody = (paragraphs: string[]) => paragraphs.map((text, i) => ({ index: i + 1, text }));

// Everyday substitutions a candidate makes when "rewording" a text; the rest are small insertions.
const SUBSTITUTES: Record<string, string> = {
  important: 'crucial',
  ensure: 'guarantee',
  key: 'central',
  challenge: 'difficulty',
  challenges: 'difficulties',
  strengthen: 'reinforce',
  support: 'back',
  allies: 'partners',
  complex: 'complicated',
  role: 'function',
  also: 'moreover',
  however: 'yet',
  will: 'shall',
  must: 'should',
  develop: 'build',
  maintain: 'preserve',
  increasingly: 'ever more',
  effective: 'efficient',
  and: 'as well as',
};
const FILLERS = ['really', 'clearly', 'indeed', 'certainly', 'particularly'];

/**
 * Rewords a text lightly: about `rate` of its words are replaced by a synonym or preceded by a
 * filler word, as a candidate "making it their own" would. Punctuation and paragraphs are kept.
 */
export function rewordLightly(text: string, rate: number, seed: number): string {
  const next = random(seed);
  return text.replace(/[A-Za-z]+/g, (word) => {
    if (next() >= rate) return word;
    const substitute = SUBSTITUTES[word.toLowerCase()];
    if (substitute) return substitute;
    return `${FILLERS[Math.floor(next() * FILLERS.length)]} ${word}`;
  });
}
