/**
 * Finds every check under src/checks/<area>/<rule>.(ts|js): a module whose default export has
 * `meta` and `run`. Other modules in those folders (shared analyses, word lists) are skipped.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Check } from './types.js';

const CHECKS_DIR = dirname(fileURLToPath(import.meta.url));
const isModule = (name: string): boolean =>
  /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') && !name.endsWith('.test.ts');

let loaded: Promise<Check[]> | undefined;

function isCheck(value: unknown): value is Check {
  const candidate = value as Partial<Check> | undefined;
  return typeof candidate?.run === 'function' && typeof candidate.meta?.id === 'string';
}

async function discover(): Promise<Check[]> {
  const checks: Check[] = [];
  const areas = readdirSync(CHECKS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  for (const area of areas.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(CHECKS_DIR, area.name);
    for (const name of readdirSync(dir).filter(isModule).sort()) {
      const module = (await import(pathToFileURL(join(dir, name)).href)) as { default?: unknown };
      if (isCheck(module.default)) checks.push(module.default);
    }
  }
  const ids = new Set<string>();
  for (const check of checks) {
    if (ids.has(check.meta.id)) throw new Error(`two checks declare the rule id "${check.meta.id}"`);
    ids.add(check.meta.id);
  }
  return checks;
}

/** All checks, loaded once per process. */
export function allChecks(): Promise<Check[]> {
  loaded ??= discover();
  return loaded;
}
