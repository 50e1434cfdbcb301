/**
 * Word's own evidence of the page count, and whether it can be trusted.
 *
 * - docProps/app.xml <Pages>: Word's count at its last save, from its own layout on the author's
 *   machine. Only Word writes it (other tools copy or invent it) and it goes stale when another
 *   tool edits the file afterwards.
 * - w:lastRenderedPageBreak markers: Word writes one where each page started at its last layout,
 *   so the body paragraphs holding one, plus one, is another count.
 *
 * <Pages> is trusted when the file was last saved by Word, its word count still matches the text
 * and the markers agree with it. Thresholds live in rules/pages.yaml (evidence).
 */
import type { DocModel } from '../document/model.js';
import { loadRuleData } from '../rules/data.js';

export interface EvidenceRules {
  /** app.xml Application must start with one of these for <Pages> to be Word's own. */
  wordApplications: string[];
  /** app.xml <Words> may differ from the text's word count by this many words... */
  wordsTolerance: number;
  /** ...or by this share of them, whichever is larger. */
  wordsToleranceShare: number;
}

export interface WordEvidence {
  /** app.xml <Pages>, when present. */
  appPages?: number;
  /** The Application that last saved the file (app.xml). */
  application?: string;
  /** app.xml AppVersion, which every Word release writes (tools imitating Word often leave it out). */
  appVersion?: string;
  /** Last saved by Microsoft Word (desktop, Mac or web). */
  savedByWord: boolean;
  /** app.xml <Words> agrees with the text (undefined when app.xml gives no word count). */
  wordsMatch?: boolean;
  /** Body paragraphs holding a lastRenderedPageBreak marker, plus one; undefined without markers. */
  markerPages?: number;
  /** <Pages> equals the marker count. */
  markersAgree: boolean;
  /** <Pages> is Word's own, current count: saved by Word, words match, markers agree. */
  trusted: boolean;
  /** Why the markers may be incomplete (hard page breaks, tables, Word 2007 files). */
  markerCaveats: string[];
}

export function evidenceRules(): EvidenceRules {
  return loadRuleData<{ evidence: EvidenceRules }>('pages.yaml').evidence;
}

/** Reads Word's evidence of the page count from the document model. */
export function wordEvidence(doc: DocModel, rules: EvidenceRules = evidenceRules()): WordEvidence {
  const { app } = doc.metadata;
  const application = app.application;
  const savedByWord =
    application !== undefined && rules.wordApplications.some((prefix) => application.startsWith(prefix));
  let wordsMatch: boolean | undefined;
  if (app.words !== undefined) {
    const allowed = Math.max(rules.wordsTolerance, rules.wordsToleranceShare * doc.wordCount);
    wordsMatch = Math.abs(app.words - doc.wordCount) <= allowed;
  }
  // Markers inside text boxes belong to the box's own layout, not to the page flow.
  const markerParagraphs = doc.bodyParagraphs.filter(
    (p) => p.lastRenderedPageBreaks > 0 && p.textBoxId === undefined,
  ).length;
  const markerPages = markerParagraphs > 0 ? markerParagraphs + 1 : undefined;
  const markersAgree = app.pages !== undefined && app.pages === (markerPages ?? 1);
  const markerCaveats: string[] = [];
  if (
    doc.bodyParagraphs.some(
      (p) => p.inlines.some((i) => i.kind === 'break' && i.breakType === 'page') || p.pageBreakBefore,
    )
  ) {
    markerCaveats.push('hard page breaks');
  }
  if (doc.blocks.some((b) => b.kind === 'table')) markerCaveats.push('tables');
  if (application?.startsWith('Microsoft Word 12') || app.appVersion?.startsWith('12.'))
    markerCaveats.push('Word 2007');
  return {
    appPages: app.pages,
    application,
    appVersion: app.appVersion,
    savedByWord,
    wordsMatch,
    markerPages,
    markersAgree,
    trusted: savedByWord && app.pages !== undefined && app.pages > 0 && wordsMatch === true && markersAgree,
    markerCaveats,
  };
}

/** A copy of the document with Word's evidence removed (for measuring the layout engine alone). */
export function withoutWordEvidence(doc: DocModel): DocModel {
  const strip = <T extends { lastRenderedPageBreaks: number; inlines: Array<{ kind: string }> }>(p: T): T => ({
    ...p,
    lastRenderedPageBreaks: 0,
    inlines: p.inlines.filter((i) => i.kind !== 'lastRenderedPageBreak'),
  });
  const paragraphs = doc.paragraphs.map(strip);
  const byIndex = new Map(paragraphs.map((p) => [p.index, p]));
  const swap = <T extends { index: number }>(p: T): T => (byIndex.get(p.index) as unknown as T) ?? p;
  const app = { ...doc.metadata.app };
  delete app.pages;
  return {
    ...doc,
    paragraphs,
    bodyParagraphs: doc.bodyParagraphs.map(swap),
    blocks: doc.blocks.map((b) => (b.kind === 'paragraph' ? swap(b) : b)),
    metadata: { ...doc.metadata, app },
  };
}
