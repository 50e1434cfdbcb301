/**
 * Helpers shared by the formatting checks: their thresholds from rules/formatting.yaml, where a
 * paragraph sits (body, header, text box…), which inlines carry readable text, and how passages
 * are quoted. Not a check: no default export.
 */
import type { Inline, Paragraph, Story } from '../../document/model.js';
import { loadRuleData } from '../../rules/data.js';
import type { Evidence, Severity } from '../types.js';

export interface FormattingRules {
  evidence: { maxPassages: number; maxQuoteChars: number };
  tinyFont: {
    minBodyPt: number;
    ignoreStyles: string[];
    minCharactersPerParagraph: number;
    minCharacters: number;
    minShare: number;
    pageNumberPattern: string;
  };
  narrowMargins: { warningBelowCm: number; errorBelowCm: number; toleranceCm: number };
  condensedSpacing: {
    minAutoLine: number;
    exactToleranceBelowFontPt: number;
    maxCondenseTwips: number;
    minScalePercent: number;
    minShare: number;
    minCharacters: number;
  };
  hiddenText: { minLetters: number; warningWords: number; errorWords: number };
  whiteText: { minLetters: number; warningWords: number; errorWords: number };
  textBox: { labelMaxWords: number };
  headerFooter: { maxWords: number; proseSentenceMinWords: number; maxProseSentences: number };
  trackedChanges: { textChangeSeverity: 'info' | 'warning'; formatOnlySeverity: 'info' | 'warning' };
  comments: { warningWords: number };
}

export function formattingRules(): FormattingRules {
  return loadRuleData<FormattingRules>('formatting.yaml');
}

const WHERE: Partial<Record<Story, string>> = {
  textbox: 'textbox',
  header: 'header',
  footer: 'footer',
  footnote: 'footnote',
  endnote: 'endnote',
  comment: 'comment',
};

/** Where a paragraph is, for Evidence.where: undefined for the body (and body tables). */
export function whereOf(paragraph: Pick<Paragraph, 'story'>): string | undefined {
  return WHERE[paragraph.story];
}

/** Plain-English name of a location, for messages. */
export function describeWhere(where: string | undefined): string {
  switch (where) {
    case undefined:
      return 'the body';
    case 'textbox':
      return 'a text box';
    case 'header':
      return 'a header';
    case 'footer':
      return 'a footer';
    case 'footnote':
      return 'a footnote';
    case 'endnote':
      return 'an endnote';
    case 'comment':
      return 'a comment';
    case 'metadata':
      return 'the document properties';
    default:
      return where;
  }
}

/** Collapses whitespace and cuts long passages with an ellipsis. */
export function quote(text: string, maxChars = formattingRules().evidence.maxQuoteChars): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > maxChars * 0.6 ? cut.slice(0, space) : cut}…`;
}

export function evidenceFor(paragraph: Pick<Paragraph, 'index' | 'story'>, text: string): Evidence {
  const where = whereOf(paragraph);
  return { paragraph: paragraph.index, text: quote(text), ...(where ? { where } : {}) };
}

/** Keeps the first `maxPassages` pieces of evidence (the message says how many there are in all). */
export function firstPassages(evidence: Evidence[]): Evidence[] {
  return evidence.slice(0, formattingRules().evidence.maxPassages);
}

/** Text inlines a reader could see in some view: not deleted revisions, not field codes. */
export function textInlines(paragraph: Paragraph): Inline[] {
  return paragraph.inlines.filter(
    (inline) =>
      (inline.kind === 'text' || inline.kind === 'symbol') &&
      inline.text.length > 0 &&
      inline.revision !== 'deleted' &&
      inline.revision !== 'moveFrom' &&
      !inline.fieldCode,
  );
}

export const countNonSpace = (text: string): number => text.replace(/\s+/g, '').length;
export const countLetters = (text: string): number => (text.match(/\p{L}/gu) ?? []).length;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*/gu;
export const wordsOf = (text: string): string[] => text.match(WORD) ?? [];
export const countWords = (text: string): number => wordsOf(text).length;

export const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** info below `warningWords`, error from `errorWords`, warning between. */
export function severityByWords(words: number, rules: { warningWords: number; errorWords: number }): Severity {
  if (words >= rules.errorWords) return 'error';
  return words >= rules.warningWords ? 'warning' : 'info';
}
