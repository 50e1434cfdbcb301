/** AI levels in order, and helpers to combine them. Not a check: no default export. */

export const AI_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type AiLevel = (typeof AI_LEVELS)[number];

export const levelRank = (level: AiLevel): number => AI_LEVELS.indexOf(level);

export function maxLevel(...levels: AiLevel[]): AiLevel {
  return levels.reduce<AiLevel>((a, b) => (levelRank(b) > levelRank(a) ? b : a), 'none');
}

export function minLevel(a: AiLevel, b: AiLevel): AiLevel {
  return levelRank(a) <= levelRank(b) ? a : b;
}

/** Severity of an AI finding: a person should look at medium and above; never 'error' (contract). */
export const severityFor = (level: AiLevel): 'info' | 'warning' => (levelRank(level) >= 2 ? 'warning' : 'info');
