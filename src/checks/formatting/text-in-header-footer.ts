/**
 * text-in-header-footer: essay text placed in a header or footer, where it repeats on every page
 * without counting against the body's space. A name, vacancy reference, date, page number and a
 * title-like line are normal; more words than that, or prose sentences, are reported.
 */
import type { HeaderFooter } from '../../document/model.js';
import type { Vacancy } from '../../rules/vacancy.js';
import { defineCheck, type Evidence } from '../types.js';
import { countWords, firstPassages, formattingRules, plural, quote } from './common.js';

export interface HeaderFooterText {
  part: HeaderFooter;
  text: string;
  /** Words after removing the vacancy's title and references. */
  words: number;
  proseSentences: number;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The vacancy's own title and references are allowed in a header: remove them before counting. */
function withoutVacancyWording(text: string, vacancy: Pick<Vacancy, 'title' | 'reference' | 'aliases'>): string {
  let out = text;
  const phrases = [vacancy.title, vacancy.reference, ...(vacancy.aliases ?? [])]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  for (const phrase of phrases) {
    const pattern = escapeRegex(phrase.trim()).replace(/\s+/g, '\\s+');
    out = out.replace(new RegExp(pattern, 'giu'), ' ');
  }
  return out;
}

function proseSentences(text: string, minWords: number): number {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .filter((sentence) => /[.!?…]["'”’»)]*\s*$/u.test(sentence.trim()) && countWords(sentence) >= minWords).length;
}

export function headerFooterTexts(
  parts: HeaderFooter[],
  vacancy: Pick<Vacancy, 'title' | 'reference' | 'aliases'>,
): HeaderFooterText[] {
  const rules = formattingRules().headerFooter;
  const seen = new Set<string>();
  const out: HeaderFooterText[] = [];
  for (const part of parts) {
    const text = (part.paragraphs.length > 0 ? part.paragraphs.map((p) => p.text).join('\n') : part.text).trim();
    const key = `${part.kind}\u0000${text.replace(/\s+/g, ' ')}`;
    if (!text || seen.has(key)) continue;
    seen.add(key);
    const own = withoutVacancyWording(text, vacancy);
    out.push({ part, text, words: countWords(own), proseSentences: proseSentences(own, rules.proseSentenceMinWords) });
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'text-in-header-footer',
    category: 'formatting',
    severity: 'warning',
    description: 'Essay text in headers or footers beyond a name, reference, date, page number or title.',
  },
  run(ctx, report) {
    const rules = formattingRules().headerFooter;
    const parts = headerFooterTexts(Object.values(ctx.doc.headerFooters), ctx.vacancy).filter(
      (p) => p.words > rules.maxWords || p.proseSentences > rules.maxProseSentences,
    );
    if (parts.length === 0) return;
    const words = parts.reduce((sum, p) => sum + p.words, 0);
    const sentences = parts.reduce((sum, p) => sum + p.proseSentences, 0);
    const kinds = [...new Set(parts.map((p) => p.part.kind))].map((k) => `${k}s`).join(' and ');
    const evidence: Evidence[] = parts.map((p) => ({
      paragraph: p.part.paragraphs.find((q) => q.text.trim())?.index ?? 0,
      text: quote(p.text),
      where: p.part.kind,
    }));
    report({
      message:
        `The ${kinds} hold ${plural(words, 'word')}${sentences > 0 ? ` (${plural(sentences, 'full sentence')})` : ''}: more than a ` +
        'name, reference, date, page number or title. Text there repeats on every page and does not count against the body.',
      evidence: firstPassages(evidence),
      actual: `${plural(words, 'word')}, ${plural(sentences, 'sentence')}`,
      expected: `≤ ${rules.maxWords} words and ≤ ${plural(rules.maxProseSentences, 'sentence')} per header or footer`,
    });
  },
});
