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
  /**
   * Groups of words from `pattern`: every match contains a word of each group (see the YAML
   * header). The pattern is run only on text that does.
   */
  requires?: string[][];
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
  /** Lower-case word groups the text must contain (each group: one of its words); absent: always run. */
  requires?: string[][];
}

let compiled: CompiledPattern[] | undefined;

/** Pattern source as plain text, to check that a required word occurs in it: `a\\.i\\.` → `a.i.`. */
function literalText(source: string): string {
  return source
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(/\\(.)/g, '$1')
    .toLowerCase();
}

function readRequires(entry: InjectionPattern, source: string): string[][] | undefined {
  const groups = entry.requires;
  if (groups === undefined) return undefined;
  const valid =
    Array.isArray(groups) &&
    groups.length > 0 &&
    groups.every(
      (group) =>
        Array.isArray(group) && group.length > 0 && group.every((word) => typeof word === 'string' && word !== ''),
    );
  if (!valid) {
    throw new Error(
      `rules/prompt-injection.yaml: \`requires\` of pattern "${entry.id}" must be a list of non-empty word lists`,
    );
  }
  const literal = literalText(source);
  const lowered = groups.map((group) => group.map((word) => word.toLowerCase()));
  // Words come from the pattern: when the pattern is edited, a word it no longer contains is caught here.
  const stale = lowered.flat().find((word) => !literal.includes(word));
  if (stale !== undefined) {
    throw new Error(
      `rules/prompt-injection.yaml: \`requires\` word ${JSON.stringify(stale)} of pattern "${entry.id}" does not occur in its \`pattern\`; update the word groups to the pattern as it is now, or remove \`requires\``,
    );
  }
  return lowered;
}

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
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'giu');
    } catch (error) {
      throw new Error(
        `rules/prompt-injection.yaml: pattern "${entry.id}" is not a valid regular expression (${(error as Error).message}); fix its \`pattern\``,
        { cause: error },
      );
    }
    const requires = readRequires(entry, source);
    return requires ? { id: entry.id, regex, requires } : { id: entry.id, regex };
  });
}

/** The compiled patterns (loaded once). Exposed for tests that check every pattern is exercised. */
export function injectionPatterns(): ReadonlyArray<{ id: string; regex: RegExp }> {
  return compiledPatterns();
}

function compiledPatterns(): CompiledPattern[] {
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

/**
 * Characters the fold may change: everything outside ASCII, and the backtick (an apostrophe).
 * Text without any (most English paragraphs) folds to itself.
 */
// eslint-disable-next-line no-control-regex -- all of ASCII, control characters included, folds to itself
const NEEDS_FOLDING = /[^\x00-\x5F\x61-\x7F]/;

/** Folds text for matching while remembering where every folded character came from. */
export function foldForMatching(text: string): FoldedText {
  if (!NEEDS_FOLDING.test(text)) {
    const startOf = Array.from({ length: text.length }, (_, i) => i);
    return { text, startOf, endOf: startOf.map((i) => i + 1) };
  }
  return foldCharacters(text);
}

function foldCharacters(text: string): FoldedText {
  let folded = '';
  const startOf: number[] = [];
  const endOf: number[] = [];
  let offset = 0;
  for (const char of text) {
    const start = offset;
    offset += char.length;
    const code = char.charCodeAt(0);
    if (code < 0x80 && code !== 0x60) {
      // ASCII other than the backtick folds to itself.
      startOf.push(start);
      endOf.push(offset);
      folded += char;
      continue;
    }
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

export interface FindOptions {
  /**
   * Skip the patterns whose required words (rules/prompt-injection.yaml `requires`) are not all in
   * the text. Default true; false runs every pattern, for tests that prove the results are the same.
   */
  prefilter?: boolean;
}

/**
 * The folded text in lower case for the required-word test. The patterns match without regard to
 * case in Unicode mode, where "ſ" (long s) matches "s" although it has no lower-case form of its
 * own; every other character that matches an ASCII letter lower-cases to it
 * (test/formatting/injection.test.ts checks every code point).
 */
export function lowerForPrefilter(folded: string): string {
  const lower = folded.toLowerCase();
  return lower.includes('\u017F') ? lower.replaceAll('\u017F', 's') : lower;
}

/** Whether the text contains a word of every group. */
function containsEveryGroup(lower: string, groups: string[][]): boolean {
  for (const group of groups) {
    let found = false;
    for (const word of group) {
      if (lower.includes(word)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/**
 * Spans of `text` that address an AI or automated screener with instructions, in order, with
 * overlapping matches of several patterns merged into one span.
 */
export function findPromptInjections(text: string, options: FindOptions = {}): InjectionMatch[] {
  if (!text) return [];
  const prefilter = options.prefilter !== false;
  // Text that needs no folding is its own folded copy: offsets map to themselves.
  const folded = NEEDS_FOLDING.test(text) ? foldCharacters(text) : undefined;
  const subject = folded ? folded.text : text;
  const lower = prefilter ? lowerForPrefilter(subject) : '';
  const spans: Array<{ start: number; end: number; id: string }> = [];
  for (const { id, regex, requires } of compiledPatterns()) {
    // Most paragraphs lack a required word of every pattern: a few substring searches instead of 25 regex scans.
    if (prefilter && requires && !containsEveryGroup(lower, requires)) continue;
    regex.lastIndex = 0;
    for (const m of subject.matchAll(regex)) {
      if (m[0].length === 0) continue;
      const first = m.index;
      const last = m.index + m[0].length - 1;
      spans.push(
        folded ? { start: folded.startOf[first], end: folded.endOf[last], id } : { start: first, end: last + 1, id },
      );
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
