/**
 * The page count a report gives: the layout engine's count, Word's own evidence where it can be
 * trusted, LibreOffice where asked for (or, under `auto`, where the others cannot settle the
 * verdict and soffice is installed), with the range the true count may lie in, measured on the
 * corpus (rules/pages.yaml `uncertainty`).
 */
import type { PageEngine } from '../checks/types.js';
import type { DocModel } from '../document/model.js';
import { loadRuleData } from '../rules/data.js';
import { type WordEvidence, wordEvidence } from './evidence.js';
import { type LayoutResult, layoutDocument } from './layout.js';
import { findSoffice, libreOfficePageCount } from './libreoffice.js';

export type PaperName = 'A4' | 'Letter' | 'Legal' | 'A5';

export interface UncertaintyRules {
  /** Share of its content height by which the layout may overstate Word's (Word fitting more on a page). */
  relativeFewer: number;
  /** Share by which it may understate it. */
  relativeMore: number;
  /** Added to both in proportion to the fonts' doubt (1 - the character-weighted confidence of their stand-ins). */
  unknownFontExtra: number;
  /** Added when the document has features the engine only approximates (floats, columns, ...). */
  approximationExtra: number;
  /** A layout whose fonts are known at least this well may contest a trusted Word count outside its range. */
  contestMinFontConfidence: number;
  /** ...its range computed with relativeFewer/relativeMore times this. */
  contestErrorScale: number;
  /** Confidence given to each source (share of corpus files where that source was exact). */
  confidence: {
    word: number;
    wordContested: number;
    wordAgrees: number;
    layoutClear: number;
    layoutBorderline: number;
    libreoffice: number;
  };
}

export interface PageEstimate {
  /** Pages on the document's own paper. */
  count: number;
  /** What decided the count: 'word', 'layout', 'libreoffice', 'markers', joined with '+' when sources agree. */
  source: string;
  /** Share of the last page used (layout), 0..1. */
  lastPageFill: number;
  /** 0..1: how sure the count is. */
  confidence: number;
  /** What each source said. */
  estimates: Record<string, number>;
  /** Smallest and largest count the document may have in Word, given the sources' uncertainty. */
  range: [number, number];
  /** Pages on the vacancy's paper when the document is on other paper. */
  countOnRequiredPaper?: number;
  /** Range on the vacancy's paper (same as `range` when the paper is right). */
  requiredRange: [number, number];
  /** Sentences for the panel when sources disagree or a source failed. */
  notes: string[];
  layout: LayoutResult;
  evidence: WordEvidence;
}

export interface EstimateOptions {
  engine: PageEngine;
  /** The original file, for LibreOffice. */
  bytes?: Uint8Array;
  /** The vacancy's paper. */
  requiredPaper?: PaperName;
  /** The vacancy's page limit: under `auto`, LibreOffice is asked only when it could change the verdict. */
  limit?: number;
}

interface PaperRules {
  sizes: Record<string, [number, number]>;
  toleranceTwips: number;
}

export function uncertaintyRules(): UncertaintyRules {
  return loadRuleData<{ uncertainty: UncertaintyRules }>('pages.yaml').uncertainty;
}

function paperTwips(name: PaperName): { width: number; height: number } {
  const sizes = loadRuleData<{ paper: PaperRules }>('compliance.yaml').paper.sizes;
  const [width, height] = sizes[name];
  return { width, height };
}

function onPaper(doc: DocModel, paper: { width: number; height: number }): boolean {
  const tolerance = loadRuleData<{ paper: PaperRules }>('compliance.yaml').paper.toleranceTwips;
  return doc.sections.every((s) => {
    const short = Math.min(s.pageWidth, s.pageHeight);
    const long = Math.max(s.pageWidth, s.pageHeight);
    return Math.abs(short - paper.width) <= tolerance && Math.abs(long - paper.height) <= tolerance;
  });
}

/**
 * Range of counts Word may give for a layout that used `pages` pages, the last one `fill` full:
 * Word's content height may be up to `relativeFewer` of it smaller and `relativeMore` larger.
 */
export function layoutRange(layout: LayoutResult, rules: UncertaintyRules = uncertaintyRules()): [number, number] {
  // Fonts measured with an approximate stand-in widen the range in proportion to their doubt.
  const doubt = 1 - layout.fontConfidence;
  const extra = doubt * rules.unknownFontExtra + (layout.approximations.length > 0 ? rules.approximationExtra : 0);
  const used = layout.pages - 1 + layout.lastPageFill;
  const low = Math.max(1, Math.ceil(used * (1 - rules.relativeFewer - extra) - 1e-9));
  const high = Math.max(1, Math.ceil(used * (1 + rules.relativeMore + extra) - 1e-9));
  return [Math.min(low, layout.pages), Math.max(high, layout.pages)];
}

/** Estimates the page count with the chosen engine. */
export async function estimatePages(doc: DocModel, options: EstimateOptions): Promise<PageEstimate> {
  const rules = uncertaintyRules();
  const layout = layoutDocument(doc);
  const evidence = wordEvidence(doc);
  const estimates: Record<string, number> = { layout: layout.pages };
  if (evidence.appPages !== undefined) estimates.word = evidence.appPages;
  if (evidence.markerPages !== undefined) estimates.markers = evidence.markerPages;
  const notes: string[] = [];
  let count = layout.pages;
  let source = 'layout';
  let range = layoutRange(layout, rules);
  let confidence = range[0] === range[1] ? rules.confidence.layoutClear : rules.confidence.layoutBorderline;

  const useWord = options.engine === 'auto' || options.engine === 'word';
  if (useWord && evidence.trusted && evidence.appPages !== undefined) {
    count = evidence.appPages;
    source = count === layout.pages ? 'word+layout' : 'word';
    const contested = contestsWord(layout, count, evidence, rules);
    if (contested && options.engine === 'auto') {
      // A layout sure of its fonts that cannot reach Word's figure: Word's count may be stale
      // (saved before its statistics caught up, or written by a tool calling itself Word). The
      // count stays Word's, the range spans both.
      range = [Math.min(count, range[0]), Math.max(count, range[1])];
      confidence = rules.confidence.wordContested;
      notes.push(
        `Word's page count saved in the file (${count}) is used, but our layout of the text needs ${layout.pages}, beyond its measured error; Word's figure may be out of date, so the count is uncertain.`,
      );
    } else {
      range = [count, count];
      confidence = rules.confidence.word;
      if (count !== layout.pages) {
        notes.push(
          `Word's own page count saved in the file (${count}) is used; our layout estimate was ${layout.pages}. Word counts with the author's fonts and printer, so its figure is preferred.`,
        );
      }
    }
  } else if (options.engine === 'word') {
    const fallback = evidence.savedByWord ? (evidence.appPages ?? evidence.markerPages) : evidence.markerPages;
    if (fallback !== undefined) {
      count = fallback;
      source = evidence.savedByWord && evidence.appPages !== undefined ? 'word' : 'markers';
      range = [Math.min(count, range[0]), Math.max(count, range[1])];
      confidence = rules.confidence.layoutBorderline;
      notes.push(`Word's page count in this file may be out of date (${describeDoubt(evidence)}).`);
    } else {
      notes.push('The file holds no page count from Word; the layout estimate is used.');
    }
  } else if (options.engine === 'auto' && evidence.appPages !== undefined && evidence.savedByWord) {
    // Word's figure is there but not fully trusted: it only widens the range when it disagrees.
    if (evidence.appPages === layout.pages) {
      source = 'layout+word';
      // Word's own figure for the same text agrees: two independent counts settle it.
      if (evidence.wordsMatch) {
        range = [count, count];
        confidence = rules.confidence.wordAgrees;
      }
    } else if (evidence.wordsMatch) {
      range = [Math.min(range[0], evidence.appPages), Math.max(range[1], evidence.appPages)];
      notes.push(
        `Word's page count saved in the file (${evidence.appPages}) differs from our layout estimate (${layout.pages}); Word's figure may be out of date (${describeDoubt(evidence)}).`,
      );
    }
  }

  // On the vacancy's paper, when the document is on other paper.
  let countOnRequiredPaper: number | undefined;
  let requiredRange = range;
  if (options.requiredPaper) {
    const paper = paperTwips(options.requiredPaper);
    if (!onPaper(doc, paper)) {
      const other = layoutDocument(doc, { paper });
      const shift = count - layout.pages; // carry the evidence's correction over
      countOnRequiredPaper = Math.max(1, other.pages + shift);
      estimates[`layoutOn${options.requiredPaper}`] = other.pages;
      const r = layoutRange(other, rules);
      requiredRange = [
        Math.max(1, Math.min(r[0] + shift, countOnRequiredPaper)),
        Math.max(r[1] + shift, countOnRequiredPaper),
      ];
    }
  }

  const wantLibreOffice =
    options.engine === 'libreoffice' ||
    (options.engine === 'auto' &&
      options.limit !== undefined &&
      requiredRange[0] <= options.limit &&
      requiredRange[1] > options.limit &&
      countOnRequiredPaper === undefined &&
      findSoffice() !== undefined);
  if (wantLibreOffice && options.bytes) {
    try {
      const pages = await libreOfficePageCount(options.bytes);
      estimates.libreoffice = pages;
      if (options.engine === 'libreoffice') {
        count = pages;
        source = pages === layout.pages ? 'libreoffice+layout' : 'libreoffice';
        range = [pages, pages];
        requiredRange = countOnRequiredPaper === undefined ? range : requiredRange;
        confidence = rules.confidence.libreoffice;
      } else if (pages >= range[0] && pages <= range[1]) {
        // A third opinion inside the range settles it.
        count = pages;
        source = pages === layout.pages ? 'layout+libreoffice' : 'libreoffice';
        range = [pages, pages];
        requiredRange = range;
        confidence = rules.confidence.libreoffice;
      }
      if (pages !== layout.pages) {
        notes.push(
          `LibreOffice lays the file out on ${pages} page${pages === 1 ? '' : 's'}; our layout estimate was ${layout.pages}.`,
        );
      }
    } catch (error) {
      notes.push(`LibreOffice could not count the pages (${(error as Error).message}).`);
      if (options.engine === 'libreoffice') source = 'layout';
    }
  } else if (options.engine === 'libreoffice') {
    notes.push('LibreOffice was asked for but the file bytes were not available; the layout estimate is used.');
  }

  if (layout.fontConfidence < 1 && source.startsWith('layout')) {
    const unknown = layout.fonts.filter((f) => !f.known && f.share >= 0.02).map((f) => f.family);
    if (unknown.length > 0)
      notes.push(`Fonts without metrics (${unknown.join(', ')}) were measured with a similar font.`);
  }
  return {
    count,
    source,
    lastPageFill: layout.lastPageFill,
    confidence: Math.round(confidence * layout.fontConfidence ** (source.startsWith('layout') ? 1 : 0) * 100) / 100,
    estimates,
    range,
    countOnRequiredPaper,
    requiredRange,
    notes,
    layout,
    evidence,
  };
}

/**
 * Whether the layout contests Word's trusted count: its fonts are known well enough
 * (uncertainty.contestMinFontConfidence) and its measured range excludes Word's figure. A file whose
 * app.xml lacks the AppVersion every Word release writes is contested on any disagreement.
 */
function contestsWord(
  layout: LayoutResult,
  wordCount: number,
  evidence: WordEvidence,
  rules: UncertaintyRules,
): boolean {
  if (evidence.appVersion === undefined && wordCount !== layout.pages) return true;
  if (layout.fontConfidence < rules.contestMinFontConfidence) return false;
  // The layout's range with its measured error widened (contestErrorScale): a near miss does not contest.
  const scale = rules.contestErrorScale;
  const [low, high] = layoutRange(layout, {
    ...rules,
    relativeFewer: rules.relativeFewer * scale,
    relativeMore: rules.relativeMore * scale,
  });
  return wordCount < low || wordCount > high;
}

function describeDoubt(evidence: WordEvidence): string {
  const reasons: string[] = [];
  if (!evidence.savedByWord) reasons.push(`last saved by ${evidence.application ?? 'another program'}`);
  if (evidence.wordsMatch === false) reasons.push('the text changed after Word saved it');
  if (!evidence.markersAgree) reasons.push(`Word's page markers give ${evidence.markerPages ?? 1}`);
  return reasons.join('; ') || 'unverified';
}

export type Verdict = 'within' | 'borderline' | 'over';

/** within/over when the whole range is on one side of the limit, borderline when it spans it. */
export function pageVerdict(range: [number, number], limit: number): Verdict {
  if (range[1] <= limit) return 'within';
  if (range[0] > limit) return 'over';
  return 'borderline';
}
