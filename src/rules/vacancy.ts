/**
 * Vacancy rule files (rules/vacancies/*.yaml): schema, validation with file/line/field errors,
 * and lookup by reference or alias. The JSON Schema for editors is generated from the same schema
 * (scripts/gen-schemas.ts → rules/vacancy.schema.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { RULES_DIR } from './data.js';

export const ChallengeSchema = z
  .object({
    text: z.string().trim().min(10, 'a challenge needs a sentence of at least 10 characters'),
    /** Short label shown in reports, e.g. "Allied unity". Optional. */
    title: z.string().trim().min(1).optional(),
    /** Extra terms HR adds for coverage (synonyms, acronyms, translations). */
    terms: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();

export const VacancySchema = z
  .object({
    reference: z.coerce.string().trim().min(1, 'reference must not be empty'),
    aliases: z.array(z.coerce.string().trim().min(1)).default([]),
    title: z.string().trim().min(1),
    essay: z
      .object({
        maxPages: z.number().int().min(1).max(50),
        paper: z.enum(['A4', 'Letter', 'Legal', 'A5']).default('A4'),
        filenameWords: z.string().trim().min(1).default('Key challenges'),
      })
      .strict(),
    challenges: z.array(ChallengeSchema).min(1, 'at least one challenge is required'),
    /** Language(s) the essay may be written in. */
    languages: z.array(z.enum(['en', 'fr'])).default(['en', 'fr']),
    notice: z.string().optional(),
  })
  .strict();

export type VacancyInput = z.input<typeof VacancySchema>;
export type Vacancy = z.output<typeof VacancySchema> & {
  /** Where the vacancy was loaded from (for messages). */
  source?: string;
};

export class RuleFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RuleFileError';
  }
}

/** Parses and validates one vacancy file's text; errors name the file, line and field. */
export function parseVacancy(text: string, file: string): Vacancy {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const first = document.errors[0];
    const line = first.pos ? lineCounter.linePos(first.pos[0]).line : undefined;
    throw new RuleFileError(
      `${file}${line ? `:${line}` : ''}: not valid YAML (${first.message.split('\n')[0]})`,
      file,
      line,
    );
  }
  const result = VacancySchema.safeParse(document.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.map(String);
    const field = path.join('.') || '(top level)';
    let line: number | undefined;
    // Find the deepest node that exists for this path to report its line.
    for (let depth = path.length; depth >= 0 && line === undefined; depth--) {
      const node = document.getIn(issue.path.slice(0, depth) as (string | number)[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === 'object' && node.range) line = lineCounter.linePos(node.range[0]).line;
    }
    const what = issue.code === 'invalid_type' && issue.message.includes('undefined') ? 'is required' : issue.message;
    throw new RuleFileError(`${file}${line ? `:${line}` : ''}: field "${field}" ${what}`, file, line, field);
  }
  return { ...result.data, source: file };
}

export function loadVacancyFile(path: string): Vacancy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RuleFileError(
      `${path}: cannot read the rule file (${(error as NodeJS.ErrnoException).code ?? error})`,
      path,
    );
  }
  return parseVacancy(text, path);
}

export const VACANCIES_DIR = join(RULES_DIR, 'vacancies');

let bundled: Vacancy[] | undefined;

/** The vacancies bundled under rules/vacancies/. */
export function bundledVacancies(): Vacancy[] {
  if (!bundled) {
    bundled = readdirSync(VACANCIES_DIR)
      .filter((name) => /\.ya?ml$/i.test(name))
      .sort()
      .map((name) => loadVacancyFile(join(VACANCIES_DIR, name)));
  }
  return bundled;
}

const normalise = (ref: string): string => ref.trim().toLowerCase();

/** Finds a vacancy by reference or alias (case-insensitive) among the given ones. */
export function findVacancy(ref: string, vacancies: Vacancy[] = bundledVacancies()): Vacancy | undefined {
  const wanted = normalise(ref);
  return vacancies.find(
    (v) => normalise(v.reference) === wanted || v.aliases.some((alias) => normalise(alias) === wanted),
  );
}

/** Resolves --vacancy REF or --rules FILE to a vacancy, or throws a RuleFileError with a one-line message. */
export function resolveVacancy(options: { vacancy?: string; rules?: string }): Vacancy {
  if (options.rules) return loadVacancyFile(options.rules);
  if (!options.vacancy) throw new RuleFileError('give --vacancy REF or --rules FILE', '');
  const found = findVacancy(options.vacancy);
  if (!found) {
    const known = bundledVacancies()
      .map((v) => v.reference)
      .join(', ');
    throw new RuleFileError(
      `unknown vacancy "${options.vacancy}": the bundled ones are ${known}; or pass --rules FILE`,
      basename(options.vacancy),
    );
  }
  return found;
}
