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

interface IntakeRuleFile {
  limits: Record<keyof IntakeLimits, unknown>;
  mediaExtensions: unknown;
}

const LIMIT_NAMES: (keyof IntakeLimits)[] = [
  'maxFileBytes',
  'maxEntries',
  'maxTotalInflatedBytes',
  'maxEntryInflatedBytes',
  'maxEntryRatio',
  'ratioCheckAfterBytes',
];

function loadIntakeRules(): { limits: IntakeLimits; mediaExtensions: ReadonlySet<string> } {
  const data = loadRuleData<IntakeRuleFile>('intake.yaml');
  const limits = {} as IntakeLimits;
  for (const name of LIMIT_NAMES) {
    const value = data?.limits?.[name];
    if (typeof value !== 'number' || !(value > 0)) {
      throw new Error(`rules/intake.yaml: limits.${name} must be a positive number (found ${JSON.stringify(value)}).`);
    }
    limits[name] = value;
  }
  const extensions = data?.mediaExtensions;
  if (!Array.isArray(extensions) || extensions.some((ext) => typeof ext !== 'string')) {
    throw new Error('rules/intake.yaml: mediaExtensions must be a list of file extensions without the dot.');
  }
  return { limits, mediaExtensions: new Set(extensions.map((ext: string) => ext.toLowerCase())) };
}

const rules = loadIntakeRules();

export const DEFAULT_LIMITS: Readonly<IntakeLimits> = Object.freeze(rules.limits);

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
