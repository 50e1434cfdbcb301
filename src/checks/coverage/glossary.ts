/**
 * The English↔French glossary behind challenge coverage (rules/coverage/glossary-en-fr/*.tsv):
 * the general professional vocabulary of the organisation's posts in both official languages,
 * written for this project (see its README). The concept lexicon (concepts.yaml) holds the
 * hand-checked core of the organisation's own field; the glossary lets a French essay meet an
 * English challenge (and the reverse) in any field.
 *
 * Shared module (no default export): not a check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_DIR } from '../../rules/data.js';
import { type Lang, stemKeys, tokenize } from './text.js';

/**
 * A term as the match keys of its content words ("lessons learned" → [[lesson], [learn]]), and
 * whether it is a single word: "sous-exécution" has one content word but says more than
 * "exécution", so it counts as a longer term.
 */
interface Term {
  words: string[][];
  single: boolean;
}

interface Entry {
  en: Term[];
  fr: Term[];
}

export interface Translation {
  words: Map<string, number>;
  phrases: string[][][];
}

export interface Glossary {
  /**
   * Equivalents in the other language of a challenge word: `words`, match keys with a credit (1
   * through a one-word equivalent, `phraseCredit` for each content word of a longer one), and
   * `phrases`, the longer equivalents as the match keys of their content words (an essay that has
   * all of them says the whole term). A source term of several words is only used when all its
   * words are in `context` (the challenge's keys).
   */
  translate(word: string, lang: Lang, context: ReadonlySet<string>, phraseCredit: number): Translation;
  /** Number of entries (for the benchmark and tests). */
  size: number;
}

const DIR = join(RULES_DIR, 'coverage', 'glossary-en-fr');

function termOf(text: string): Term {
  const tokens = tokenize(text.trim(), false);
  return { words: tokens.filter((t) => !t.stop && !t.number).map((t) => t.keys), single: tokens.length === 1 };
}

function readEntries(): Entry[] {
  let files: string[];
  try {
    files = readdirSync(DIR).filter((f) => f.endsWith('.tsv'));
  } catch (error) {
    throw new Error(
      `rules/coverage/glossary-en-fr: cannot read the English-French glossary (${(error as Error).message}); restore the folder from the repository`,
      { cause: error },
    );
  }
  const entries: Entry[] = [];
  for (const file of files.sort()) {
    readFileSync(join(DIR, file), 'utf8')
      .split('\n')
      .forEach((line, n) => {
        if (!line.trim() || line.startsWith('#')) return;
        const [en, fr] = line.split('\t');
        if (fr === undefined)
          throw new Error(`rules/coverage/glossary-en-fr/${file} line ${n + 1}: expected "english<TAB>french"`);
        const side = (list: string) =>
          list
            .split('|')
            .map(termOf)
            .filter((t) => t.words.length > 0);
        entries.push({ en: side(en), fr: side(fr) });
      });
  }
  return entries;
}

let compiled: Glossary | undefined;

export function glossary(): Glossary {
  if (compiled) return compiled;
  const entries = readEntries();
  // Match key → entries with a term on that side containing the key.
  const index: Record<Lang, Map<string, Entry[]>> = { en: new Map(), fr: new Map() };
  for (const entry of entries) {
    for (const lang of ['en', 'fr'] as const)
      for (const term of entry[lang])
        for (const keys of term.words)
          for (const k of keys) {
            const list = index[lang].get(k) ?? [];
            if (!list.includes(entry)) list.push(entry);
            index[lang].set(k, list);
          }
  }
  const has = (term: Term, keys: readonly string[]) => term.words.some((w) => w.some((k) => keys.includes(k)));
  compiled = {
    size: entries.length,
    translate(word, lang, context, phraseCredit) {
      const keys = stemKeys(word);
      const other: Lang = lang === 'en' ? 'fr' : 'en';
      const out = new Map<string, number>();
      const phrases: string[][][] = [];
      const found = new Set<Entry>();
      for (const k of keys) for (const e of index[lang].get(k) ?? []) found.add(e);
      for (const entry of found) {
        const usable = entry[lang].some(
          (term) => has(term, keys) && term.words.every((w) => w.some((k) => keys.includes(k) || context.has(k))),
        );
        if (!usable) continue;
        for (const term of entry[other]) {
          const credit = term.single ? 1 : phraseCredit;
          for (const w of term.words) for (const k of w) if (credit > (out.get(k) ?? 0)) out.set(k, credit);
          if (!term.single) phrases.push(term.words);
        }
      }
      return { words: out, phrases };
    },
  };
  return compiled;
}
