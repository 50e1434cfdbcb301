/**
 * filename: the attachment's name must carry the vacancy reference (or an alias) as a whole token
 * and the words "Key challenges" (vacancy.essay.filenameWords).
 *  - pass: reference present and the words in order, separated by spaces or underscores;
 *  - warn: the words joined by nothing or a hyphen ("KeyChallenges", "key-challenges");
 *  - fail: anything else, with a message naming exactly what is missing.
 * The extension is not part of the name.
 */
import type { Vacancy } from '../../rules/vacancy.js';
import { defineCheck } from '../types.js';

export interface FilenameVerdict {
  verdict: 'pass' | 'warn' | 'fail';
  message: string;
}

const ALNUM = 'A-Za-z0-9\\u00C0-\\u024F';
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A reference or alias as a whole token; internal separators may be space, underscore, hyphen, dot or nothing. */
function tokenPattern(reference: string): RegExp {
  const parts = reference
    .split(/[\s_.-]+/)
    .filter(Boolean)
    .map(escapeRegex);
  return new RegExp(`(?<![${ALNUM}])${parts.join('[\\s_.-]?')}(?![${ALNUM}])`, 'iu');
}

const wordsPattern = (words: string[], separator: string): RegExp =>
  new RegExp(`(?<![${ALNUM}])${words.map(escapeRegex).join(separator)}(?![${ALNUM}])`, 'iu');

/** The name without its extension (".docx", ".doc", ...), Unicode-normalised. */
export function baseName(filename: string): string {
  const name = filename.normalize('NFC').split(/[\\/]/).pop() ?? filename;
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

export function judgeFilename(filename: string, vacancy: Vacancy): FilenameVerdict {
  const name = baseName(filename);
  const references = [vacancy.reference, ...vacancy.aliases];
  const hasReference = references.some((ref) => tokenPattern(ref).test(name));
  const phrase = vacancy.essay.filenameWords;
  const words = phrase.split(/\s+/).filter(Boolean);
  const exact = wordsPattern(words, '[\\s_]+').test(name);
  const joined = !exact && wordsPattern(words, '-?').test(name);

  const problems: string[] = [];
  if (!hasReference) {
    const accepted = references.map((r) => `"${r}"`).join(' or ');
    const nearMiss = references.some((ref) => name.toLowerCase().includes(ref.toLowerCase()));
    problems.push(
      nearMiss
        ? `the vacancy reference ${accepted} must stand on its own, not run into other letters or digits`
        : `the vacancy reference ${accepted} is missing`,
    );
  }
  if (!exact && !joined) {
    const singular =
      words.length > 1 && /s$/i.test(phrase) ? words.slice(0, -1).concat(words.at(-1)!.replace(/s$/i, '')) : undefined;
    if (singular && wordsPattern(singular, '[\\s_-]*').test(name)) {
      problems.push(`the words "${phrase}" must be in the plural`);
    } else {
      problems.push(`the words "${phrase}" are missing`);
    }
  }
  if (problems.length > 0) {
    return { verdict: 'fail', message: `File name "${name}": ${problems.join('; and ')}.` };
  }
  if (joined) {
    return {
      verdict: 'warn',
      message: `File name "${name}" has the reference, but "${phrase}" is written without a space between the words.`,
    };
  }
  return { verdict: 'pass', message: `File name "${name}" has the vacancy reference and "${phrase}".` };
}

export default defineCheck({
  meta: {
    id: 'filename',
    category: 'compliance',
    severity: 'error',
    description: 'The attachment is named with the vacancy reference and the words "Key challenges".',
  },
  run(ctx, report) {
    const result = ctx.memo('filename', () => judgeFilename(ctx.file.name, ctx.vacancy));
    if (result.verdict === 'pass') return;
    report({
      // A hyphenated or joined "Key challenges" is shown, but is not a reason to hold the essay back.
      severity: result.verdict === 'fail' ? 'error' : 'info',
      message: result.message,
      evidence: [{ paragraph: 0, text: ctx.file.name, where: 'filename' }],
      expected: `${ctx.vacancy.reference} - ${ctx.vacancy.essay.filenameWords}.docx`,
    });
  },
  section: { key: 'filename', build: (ctx) => ctx.memo('filename', () => judgeFilename(ctx.file.name, ctx.vacancy)) },
});
