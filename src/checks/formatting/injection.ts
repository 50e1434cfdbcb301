/**
 * Finds text addressed to an automated screener or AI model with instructions (prompt injection).
 * The phrasings are data in rules/prompt-injection.yaml; this module folds the text (accents,
 * curly quotes, zero-width characters) so a pattern written once matches the variants, and maps
 * every match back to offsets in the original text.
 *
 * Shared module: used by the `prompt-injection` check and by the challenge-coverage analysis
 * (which must not count injected text). It does not default-export a check.
 */
import { loadRuleData } from '../../rules/data.js';

export interface InjectionPattern {
  id: string;
  lang: string;
  /** Regex source; whitespace is removed before compiling (see the YAML header). */
  pattern: string;
}

export interface InjectionMatch {
  /** Offset of the first character in the original text. */
  start: number;
  /** Offset just after the last character in the original text. */
  end: number;
  /** The original text between start and end. */
  match: string;
  /** Ids of the rules/prompt-injection.yaml patterns that matched this span. */
  patterns: string[];
}

interface CompiledPattern {
  id: string;
  regex: RegExp;
}

let compiled: CompiledPattern[] | undefined;

function compilePatterns(): CompiledPattern[] {
  const data = loadRuleData<{ patterns?: InjectionPattern[] }>('prompt-injection.yaml');
  if (!Array.isArray(data?.patterns) || data.patterns.length === 0) {
    throw new Error('rules/prompt-injection.yaml: expected a non-empty `patterns` list of { id, lang, pattern }');
  }
  return data.patterns.map((entry, i) => {
    if (typeof entry?.id !== 'string' || typeof entry.pattern !== 'string') {
      throw new Error(`rules/prompt-injection.yaml: patterns[${i}] needs a string \`id\` and \`pattern\``);
    }
    const source = entry.pattern.replace(/\s+/g, '');
    try {
      return { id: entry.id, regex: new RegExp(source, 'giu') };
    } catch (error) {
      throw new Error(
        `rules/prompt-injection.yaml: pattern "${entry.id}" is not a valid regular expression (${(error as Error).message}); fix its \`pattern\``,
        { cause: error },
      );
    }
  });
}

/** The compiled patterns (loaded once). Exposed for tests that check every pattern is exercised. */
export function injectionPatterns(): ReadonlyArray<{ id: string; regex: RegExp }> {
  compiled ??= compilePatterns();
  return compiled;
}

// Characters that render as nothing and are dropped before matching: zero-width space/joiners,
// word joiner, BOM, soft hyphen, invisible operators.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u00B4\u0060\u2032]/u;
const QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033]/u;
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/u;
const COMBINING = /\p{M}/u;

interface FoldedText {
  text: string;
  /** For each folded character: offset of the original character it came from. */
  startOf: number[];
  /** For each folded character: offset just after that original character. */
  endOf: number[];
}

/** Folds text for matching while remembering where every folded character came from. */
export function foldForMatching(text: string): FoldedText {
  let folded = '';
  const startOf: number[] = [];
  const endOf: number[] = [];
  let offset = 0;
  for (const char of text) {
    const start = offset;
    offset += char.length;
    let out: string;
    if (INVISIBLE.test(char)) continue;
    if (APOSTROPHES.test(char)) out = "'";
    else if (QUOTES.test(char)) out = '"';
    else if (SPACES.test(char)) out = ' ';
    else {
      out = '';
      for (const part of char.normalize('NFD')) if (!COMBINING.test(part)) out += part;
    }
    for (let i = 0; i < out.length; i++) {
      startOf.push(start);
      endOf.push(offset);
    }
    folded += out;
  }
  return { text: folded, startOf, endOf };
}

/**
 * Spans of `text` that address an AI or automated screener with instructions, in order, with
 * overlapping matches of several patterns merged into one span.
 */
export function findPromptInjections(text: string): InjectionMatch[] {
  if (!text) return [];
  const folded = foldForMatching(text);
  const spans: Array<{ start: number; end: number; id: string }> = [];
  for (const { id, regex } of injectionPatterns()) {
    regex.lastIndex = 0;
    for (const m of folded.text.matchAll(regex)) {
      if (m[0].length === 0) continue;
      const first = m.index;
      const last = m.index + m[0].length - 1;
      spans.push({ start: folded.startOf[first], end: folded.endOf[last], id });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: InjectionMatch[] = [];
  for (const span of spans) {
    const previous = merged.at(-1);
    if (previous && span.start < previous.end) {
      previous.end = Math.max(previous.end, span.end);
      if (!previous.patterns.includes(span.id)) previous.patterns.push(span.id);
    } else {
      merged.push({ start: span.start, end: span.end, match: '', patterns: [span.id] });
    }
  }
  for (const m of merged) m.match = text.slice(m.start, m.end);
  return merged;
}
