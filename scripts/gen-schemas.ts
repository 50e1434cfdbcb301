/**
 * Writes the JSON Schemas generated from the zod schemas, so editors and integrations can validate
 * rule files and reports: schema/report.schema.json and rules/vacancy.schema.json.
 * Run: npx tsx scripts/gen-schemas.ts   (test/schema.test.ts fails when the committed files are stale)
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ReportSchema } from '../src/report/schema.js';
import { VacancySchema } from '../src/rules/vacancy.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');

export function generatedSchemas(): Record<string, unknown> {
  return {
    'schema/report.schema.json': {
      title: 'essay-screen report',
      ...z.toJSONSchema(ReportSchema, { io: 'output' }),
    },
    'rules/vacancy.schema.json': {
      title: 'essay-screen vacancy rule file (rules/vacancies/*.yaml)',
      ...z.toJSONSchema(VacancySchema, { io: 'input' }),
    },
  };
}

export const serialise = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [path, schema] of Object.entries(generatedSchemas())) {
    writeFileSync(join(ROOT, path), serialise(schema));
    console.log(`wrote ${path}`);
  }
}
