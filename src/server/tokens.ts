/**
 * Access tokens and their roles, from a config file (JSON or YAML) or the ESSAY_SCREEN_TOKENS
 * environment variable. Tokens are kept only as SHA-256 digests in memory and compared in
 * constant time; a config file may hold the digest instead of the token itself.
 *
 * File (tokens.yaml):
 *   tokens:
 *     - { name: hr-portal, role: uploader, token: "…" }
 *     - { name: panel-250875, role: panel, vacancies: ["250875"], sha256: "<hex digest of the token>" }
 *     - { name: hr-admin, role: admin, token: "…" }
 *
 * Environment (entries separated by ';' or new lines):
 *   ESSAY_SCREEN_TOKENS="hr-portal@uploader=TOKEN;panel-a@panel:250875,ASG-PASP=TOKEN;admin=TOKEN"
 * (the "name@" part is optional; the name then is the role).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { findVacancy, type Vacancy } from '../rules/vacancy.js';

export type Role = 'uploader' | 'panel' | 'admin';

export interface Principal {
  name: string;
  role: Role;
  /** Vacancy references this principal may see or upload to; undefined = all. */
  vacancies?: string[];
  /** True in local mode (no tokens configured): the user at this machine, with every right. */
  local?: boolean;
}

export interface TokenEntry extends Principal {
  /** SHA-256 of the token, as a Buffer for constant-time comparison. */
  digest: Buffer;
}

/** Shorter tokens are guessable; the service refuses to start with one. */
export const MIN_TOKEN_LENGTH = 16;

const TokenFileEntry = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(['uploader', 'panel', 'admin']),
    token: z.string().min(MIN_TOKEN_LENGTH, `a token must be at least ${MIN_TOKEN_LENGTH} characters`).optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hex digits')
      .optional(),
    vacancies: z.array(z.coerce.string().trim().min(1)).optional(),
  })
  .strict()
  .refine((entry) => Boolean(entry.token) !== Boolean(entry.sha256), {
    message: 'give either token or sha256, not both or neither',
  });

const TokenFile = z.union([z.object({ tokens: z.array(TokenFileEntry) }).strict(), z.array(TokenFileEntry)]);

export class TokenConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenConfigError';
  }
}

export const digestToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

type RawEntry = z.infer<typeof TokenFileEntry>;

function toEntries(raw: RawEntry[], source: string, vacancies: Vacancy[]): TokenEntry[] {
  return raw.map((entry, i) => {
    let scope: string[] | undefined;
    if (entry.vacancies) {
      scope = entry.vacancies.map((ref) => {
        const found = findVacancy(ref, vacancies);
        if (!found) {
          throw new TokenConfigError(
            `${source}: token ${entry.name ?? i + 1} names unknown vacancy "${ref}" (known: ${vacancies.map((v) => v.reference).join(', ')})`,
          );
        }
        return found.reference;
      });
    }
    if (entry.role === 'panel' && !scope) {
      throw new TokenConfigError(
        `${source}: panel token ${entry.name ?? i + 1} needs "vacancies" (the vacancies it may read)`,
      );
    }
    const name = entry.name ?? (scope ? `${entry.role}:${scope.join(',')}` : entry.role);
    const digest = entry.sha256 ? Buffer.from(entry.sha256, 'hex') : digestToken(entry.token ?? '');
    return { name, role: entry.role, vacancies: scope, digest };
  });
}

function parseFileText(text: string, source: string): RawEntry[] {
  let data: unknown;
  try {
    data = source.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new TokenConfigError(
      `${source}: not valid ${source.endsWith('.json') ? 'JSON' : 'YAML'} (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const result = TokenFile.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TokenConfigError(`${source}: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return Array.isArray(result.data) ? result.data : result.data.tokens;
}

/** Parses the compact ESSAY_SCREEN_TOKENS form (or JSON, when it starts with '[' or '{'). */
function parseEnv(value: string): RawEntry[] {
  const trimmed = value.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseFileText(trimmed, 'ESSAY_SCREEN_TOKENS (JSON)');
  const entries: RawEntry[] = [];
  for (const part of trimmed
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(?:([^@=]+)@)?(uploader|panel|admin)(?::([^=]+))?=(.+)$/.exec(part);
    if (!match) {
      throw new TokenConfigError(
        `ESSAY_SCREEN_TOKENS: cannot read "${part.replace(/=.*/, '=…')}"; write [name@]role[:VACANCY,…]=TOKEN with role uploader, panel or admin`,
      );
    }
    const [, name, role, vacancies, token] = match;
    const result = TokenFileEntry.safeParse({
      name: name?.trim(),
      role,
      token: token.trim(),
      vacancies: vacancies?.split(',').map((v) => v.trim()),
    });
    if (!result.success)
      throw new TokenConfigError(`ESSAY_SCREEN_TOKENS: ${name ?? role}: ${result.error.issues[0].message}`);
    entries.push(result.data);
  }
  return entries;
}

/**
 * Reads the configured tokens: the file (if given) and ESSAY_SCREEN_TOKENS together.
 * An empty result means local mode.
 */
export function loadTokens(options: { file?: string; env?: string; vacancies: Vacancy[] }): TokenEntry[] {
  const entries: TokenEntry[] = [];
  if (options.file) {
    let text: string;
    try {
      text = readFileSync(options.file, 'utf8');
    } catch (error) {
      throw new TokenConfigError(
        `${options.file}: cannot read the tokens file (${(error as NodeJS.ErrnoException).code ?? error})`,
      );
    }
    entries.push(...toEntries(parseFileText(text, options.file), options.file, options.vacancies));
  }
  if (options.env?.trim()) entries.push(...toEntries(parseEnv(options.env), 'ESSAY_SCREEN_TOKENS', options.vacancies));
  const seen = new Set<string>();
  for (const entry of entries) {
    const key = entry.digest.toString('hex');
    if (seen.has(key))
      throw new TokenConfigError(`the same token is configured twice (second time as "${entry.name}")`);
    seen.add(key);
  }
  return entries;
}

/** The principal whose token this is, or undefined. Compares every entry in constant time. */
export function authenticate(token: string, entries: TokenEntry[]): Principal | undefined {
  const digest = digestToken(token);
  let found: TokenEntry | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.digest, digest) && !found) found = entry;
  }
  if (!found) return undefined;
  const { digest: _digest, ...principal } = found;
  return principal;
}

/** Whether this principal may see screenings of the vacancy. */
export function canRead(principal: Principal, vacancy: string): boolean {
  if (principal.role === 'uploader') return false;
  return principal.vacancies === undefined || principal.vacancies.includes(vacancy);
}

export function canUpload(principal: Principal, vacancy: string): boolean {
  if (principal.role === 'panel') return false;
  return principal.vacancies === undefined || principal.vacancies.includes(vacancy);
}
