/**
 * Loads declarative data from the repository's rules/ folder (thresholds, word lists, weights).
 * Every number a check uses comes from there, with a comment on where it came from.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** rules/ at the repository root: two levels up from src/rules/ and from dist/rules/. */
export const RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'rules');

const cache = new Map<string, unknown>();

/** Reads rules/<relativePath> (.yaml, .yml or .json), parsed and cached. */
export function loadRuleData<T = unknown>(relativePath: string): T {
  const cached = cache.get(relativePath);
  if (cached !== undefined) return cached as T;
  const path = join(RULES_DIR, relativePath);
  const text = readFileSync(path, 'utf8');
  const value = relativePath.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  cache.set(relativePath, value);
  return value as T;
}

/** Reads a plain word list (one entry a line, '#' comments) from rules/. */
export function loadWordList(relativePath: string): string[] {
  const key = `list:${relativePath}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached as string[];
  const lines = readFileSync(join(RULES_DIR, relativePath), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
  cache.set(key, lines);
  return lines;
}
