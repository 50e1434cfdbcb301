/**
 * Weak document-forensics signals of AI use: editing time, save count and editing sessions, and
 * metadata written by generator libraries. Thresholds and generator names in rules/ai/forensics.yaml.
 * Each is an indication only and lifts the AI level to "low" at most.
 * Not a check: no default export.
 */
import type { DocModel, Metadata } from '../../document/model.js';
import { loadRuleData } from '../../rules/data.js';
import type { Evidence } from '../types.js';

interface ForensicRules {
  editing: { maxWordsPerMinute: number; minWords: number };
  revisions: { minWords: number; singleRevision: number; maxRsids: number; rsidApplications: string };
  generators: Array<{ name: string; field: 'core' | 'creator+lastModifiedBy' | 'application'; pattern: string }>;
}

export type ForensicRule = 'short-editing-time' | 'single-revision' | 'generator-metadata';

export interface ForensicHit {
  rule: ForensicRule;
  message: string;
  evidence: Evidence[];
  actual: string;
  expected: string;
}

const NOT_PROOF =
  'On its own this is not evidence of AI use: an essay drafted elsewhere and pasted into a new file, or converted by a tool, looks the same.';

const meta = (text: string): Evidence => ({ paragraph: 0, text, where: 'metadata' });

function editingTime(m: Metadata, words: number, r: ForensicRules['editing']): ForensicHit | undefined {
  const minutes = m.app.totalTime;
  if (minutes === undefined || words < r.minWords) return undefined;
  const needed = words / r.maxWordsPerMinute;
  if (minutes >= needed) return undefined;
  return {
    rule: 'short-editing-time',
    message:
      `Word records ${minutes} minute${minutes === 1 ? '' : 's'} of editing time for this ${words}-word essay; ` +
      `writing it in this file would take at least ${Math.ceil(needed)} minutes at ${r.maxWordsPerMinute} words a minute. ` +
      `The text was probably written elsewhere and pasted in. ${NOT_PROOF}`,
    evidence: [meta(`TotalTime: ${minutes} min (docProps/app.xml)`)],
    actual: `${minutes} min`,
    expected: `≥ ${Math.ceil(needed)} min for ${words} words`,
  };
}

function revisions(m: Metadata, words: number, r: ForensicRules['revisions']): ForensicHit | undefined {
  if (words < r.minWords) return undefined;
  const evidence: Evidence[] = [];
  const reasons: string[] = [];
  if (m.core.revision === r.singleRevision) {
    reasons.push(`it was saved only once (revision ${m.core.revision})`);
    evidence.push(meta(`cp:revision: ${m.core.revision} (docProps/core.xml)`));
  }
  const byWord = m.app.application !== undefined && new RegExp(r.rsidApplications, 'i').test(m.app.application);
  const sessions = new Set([...(m.settings.rsidRoot ? [m.settings.rsidRoot] : []), ...m.settings.rsids]).size;
  if (byWord && sessions > 0 && sessions <= r.maxRsids) {
    reasons.push(
      `Word recorded only ${sessions} editing session${sessions === 1 ? '' : 's'} (revision ids) for ${words} words`,
    );
    evidence.push(meta(`w:rsids: ${sessions} (word/settings.xml)`));
  }
  if (reasons.length === 0) return undefined;
  return {
    rule: 'single-revision',
    message: `This full essay shows no drafting history: ${reasons.join(', and ')}. ${NOT_PROOF}`,
    evidence,
    actual: reasons.join('; '),
    expected: 'several saves and editing sessions',
  };
}

function generator(m: Metadata, r: ForensicRules['generators']): ForensicHit | undefined {
  for (const g of r) {
    const re = new RegExp(g.pattern, 'i');
    let seen: string | undefined;
    if (g.field === 'core') {
      const entry = Object.entries(m.core).find(([, v]) => typeof v === 'string' && re.test(v));
      if (entry) seen = `${entry[0]}: ${entry[1]}`;
    } else if (g.field === 'creator+lastModifiedBy') {
      if (m.core.creator && m.core.lastModifiedBy && re.test(m.core.creator) && re.test(m.core.lastModifiedBy)) {
        seen = `creator and lastModifiedBy: ${m.core.creator}`;
      }
    } else if (m.app.application && re.test(m.app.application)) {
      seen = `Application: ${m.app.application}`;
    }
    if (seen) {
      return {
        rule: 'generator-metadata',
        message:
          `The file's properties were written by ${g.name} (${seen}), not by a word processor: the document was produced by a program. ` +
          'Scripts that turn chatbot output into .docx files leave this trace, but so do conversion and template tools. ' +
          NOT_PROOF,
        evidence: [meta(seen)],
        actual: seen,
        expected: 'properties written by a word processor',
      };
    }
  }
  return undefined;
}

/** Forensic signals of a document whose visible body has `words` words. */
export function documentForensics(doc: DocModel, words: number): ForensicHit[] {
  const r = loadRuleData<ForensicRules>('ai/forensics.yaml');
  const m = doc.metadata;
  return [editingTime(m, words, r.editing), revisions(m, words, r.revisions), generator(m, r.generators)].filter(
    (h): h is ForensicHit => h !== undefined,
  );
}
