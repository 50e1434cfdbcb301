/**
 * Splitting text into paragraphs, sentences and words for the AI-signal analysis. Shared by the
 * style features (features.ts), the residue patterns (residue.ts) and the calibration scripts, so
 * that the corpus texts and the Word documents are measured the same way.
 * Not a check: no default export.
 */
import { detectLanguage } from '../../document/language.js';

/** A paragraph of visible text with its DocModel paragraph index (1-based). */
export interface TextParagraph {
  index: number;
  text: string;
}

export interface Sentence {
  paragraph: number;
  text: string;
  /** Word count of the sentence. */
  words: number;
}

export type TextLanguage = 'en' | 'fr' | 'other';

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}'’-]*|\p{N}+(?:[.,]\p{N}+)*/gu;

/** Word tokens (letters with inner apostrophes and hyphens, or numbers). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Paragraphs of a plain text as pasted in Word: every line is a paragraph there, so single line
 * breaks split too. Blank lines are dropped; indices are 1-based positions.
 */
export function paragraphsOf(text: string): TextParagraph[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => ({ index: i + 1, text: line }));
}

// A sentence ends at . ! ? … (and closing quotes/brackets) followed by space and an opening that
// can start a sentence. Single capital letters and common abbreviations do not end a sentence.
const SENTENCE_END = /([.!?…]+["'”’»)\]]*)\s+(?=["'“‘«([]?[\p{Lu}\p{N}])/gu;
const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Mt|vs|etc|e\.g|i\.e|No|Art|para|cf|approx|Jr|Sr|Gen|Col|Lt|Amb|H\.E|U\.S|U\.N|M|Mme|Mlle|p|pp|ch|fig)\.|\b\p{Lu}\.)$/u;

/** Sentences of one paragraph. Lines inside a paragraph (bullets) are separate sentences. */
export function sentencesOf(paragraph: TextParagraph): Sentence[] {
  const out: Sentence[] = [];
  for (const line of paragraph.text.split(/\n/)) {
    let start = 0;
    const text = line.trim();
    SENTENCE_END.lastIndex = 0;
    for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
      const end = m.index + m[1].length;
      const candidate = text.slice(start, end);
      if (m[1] === '.' && ABBREVIATION.test(candidate)) continue;
      pushSentence(out, paragraph.index, candidate);
      start = m.index + m[0].length;
    }
    pushSentence(out, paragraph.index, text.slice(start));
  }
  return out;
}

/** Word tokens of each sentence made here, kept so the features do not split a sentence again. */
const wordsBySentence = new WeakMap<Sentence, { text: string; words: readonly string[] }>();

/** Word tokens of a sentence (do not modify the array): the same as words(s.text), worked out once. */
export function sentenceWords(s: Sentence): readonly string[] {
  const known = wordsBySentence.get(s);
  if (known && known.text === s.text) return known.words;
  const list = words(s.text);
  wordsBySentence.set(s, { text: s.text, words: list });
  return list;
}

function pushSentence(out: Sentence[], paragraph: number, raw: string): void {
  const text = raw.trim();
  const list = words(text);
  if (list.length > 0) {
    const sentence = { paragraph, text, words: list.length };
    wordsBySentence.set(sentence, { text, words: list });
    out.push(sentence);
  }
}

/** English, French or other: the same decision as the report's language field. */
export function guessLanguage(text: string): TextLanguage {
  return detectLanguage(text);
}

/** Shortens a quotation for evidence, keeping the start. */
export function clip(text: string, max = 240): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}
