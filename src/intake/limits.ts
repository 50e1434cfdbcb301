/**
 * The intake limits, read from rules/intake.yaml (which says where each figure comes from).
 */
import { loadRuleData } from '../rules/data.js';

export interface IntakeLimits {
  /** Largest upload accepted, in bytes (TOO_LARGE above). */
  maxFileBytes: number;
  /** Most zip entries (files and folders) a package may list (ZIP_BOMB above). */
  maxEntries: number;
  /** Most bytes all parts together may inflate to (ZIP_BOMB above). */
  maxTotalInflatedBytes: number;
  /** Most bytes one part may inflate to (ZIP_BOMB above). */
  maxEntryInflatedBytes: number;
  /** Highest inflated / compressed ratio of one part (ZIP_BOMB above), judged past ratioCheckAfterBytes. */
  maxEntryRatio: number;
  /** Output size from which a part's ratio is judged; smaller parts are harmless whatever their ratio. */
  ratioCheckAfterBytes: number;
}

/**
 * Limits on the document's content, counted by the parser while it builds the element trees of the
 * parts it reads (src/document/xml.ts), over all those parts together.
 */
export interface DocumentLimits {
  /** Deepest element nesting in a part (CORRUPT above: Word never writes it; it would exhaust the stack). */
  maxElementDepth: number;
  /** Most paragraphs (w:p) in all the parts read (TOO_LARGE above). */
  maxParagraphs: number;
  /** Most elements in all the parts read (TOO_LARGE above). */
  maxElements: number;
  /** Most characters of text (w:t, w:delText, w:instrText) in all the parts read (TOO_LARGE above). */
  maxTextCharacters: number;
}

interface IntakeRuleFile {
  limits: Record<keyof IntakeLimits, unknown>;
  mediaExtensions: unknown;
  document: Record<keyof DocumentLimits, unknown>;
}

const LIMIT_NAMES: (keyof IntakeLimits)[] = [
  'maxFileBytes',
  'maxEntries',
  'maxTotalInflatedBytes',
  'maxEntryInflatedBytes',
  'maxEntryRatio',
  'ratioCheckAfterBytes',
];

const DOCUMENT_LIMIT_NAMES: (keyof DocumentLimits)[] = [
  'maxElementDepth',
  'maxParagraphs',
  'maxElements',
  'maxTextCharacters',
];

function positiveNumbers<K extends string>(
  section: Record<K, unknown> | undefined,
  names: K[],
  where: string,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const value = section?.[name];
    if (typeof value !== 'number' || !(value > 0)) {
      throw new Error(
        `rules/intake.yaml: ${where}.${name} must be a positive number (found ${JSON.stringify(value)}).`,
      );
    }
    out[name] = value;
  }
  return out;
}

function loadIntakeRules(): {
  limits: IntakeLimits;
  document: DocumentLimits;
  mediaExtensions: ReadonlySet<string>;
} {
  const data = loadRuleData<IntakeRuleFile>('intake.yaml');
  const limits = positiveNumbers(data?.limits, LIMIT_NAMES, 'limits');
  const document = positiveNumbers(data?.document, DOCUMENT_LIMIT_NAMES, 'document');
  const extensions = data?.mediaExtensions;
  if (!Array.isArray(extensions) || extensions.some((ext) => typeof ext !== 'string')) {
    throw new Error('rules/intake.yaml: mediaExtensions must be a list of file extensions without the dot.');
  }
  return { limits, document, mediaExtensions: new Set(extensions.map((ext: string) => ext.toLowerCase())) };
}

const rules = loadIntakeRules();

export const DEFAULT_LIMITS: Readonly<IntakeLimits> = Object.freeze(rules.limits);

/** What the parser accepts in one document (rules/intake.yaml `document:`). */
export const DOCUMENT_LIMITS: Readonly<DocumentLimits> = Object.freeze(rules.document);

/** Extensions (lower case, no dot) of parts that hold pictures, sound or video. */
export const MEDIA_EXTENSIONS: ReadonlySet<string> = rules.mediaExtensions;

/** The defaults with the caller's overrides; an override that is not a positive number is ignored. */
export function resolveLimits(overrides: Partial<IntakeLimits> | undefined): IntakeLimits {
  const limits = { ...DEFAULT_LIMITS };
  if (!overrides) return limits;
  for (const name of LIMIT_NAMES) {
    const value = overrides[name];
    if (typeof value === 'number' && value > 0) limits[name] = value;
  }
  return limits;
}
