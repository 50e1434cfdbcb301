/**
 * The "rules hash" that keys deduplication: the same bytes screened for the same vacancy under the
 * same rules give the same report, so the earlier one is returned. Any change to the vacancy, to a
 * threshold or word list under rules/, or to the program's version gives a new hash and a new screening.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULES_DIR } from '../rules/data.js';
import type { Vacancy } from '../rules/vacancy.js';

let rulesDigest: string | undefined;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Digest of every file under rules/ except the vacancy files (each vacancy is hashed on its own). */
function digestRulesDir(): string {
  if (rulesDigest) return rulesDigest;
  const hash = createHash('sha256');
  const vacancies = join(RULES_DIR, 'vacancies');
  for (const path of listFiles(RULES_DIR).sort()) {
    if (path.startsWith(vacancies)) continue;
    hash.update(relative(RULES_DIR, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  rulesDigest = hash.digest('hex');
  return rulesDigest;
}

function programVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(RULES_DIR, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0';
  } catch {
    return '0';
  }
}

/** A 16-hex-digit hash of the vacancy's rules, the shared rule data and the program version. */
export function rulesHashFor(vacancy: Vacancy): string {
  const { source: _source, ...rules } = vacancy;
  return createHash('sha256')
    .update(JSON.stringify(rules))
    .update('\0')
    .update(digestRulesDir())
    .update('\0')
    .update(programVersion())
    .digest('hex')
    .slice(0, 16);
}
