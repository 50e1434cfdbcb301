/**
 * essay-screen command line: check, scan, serve (CONTRACT.md "Command line").
 * Exit status: 0 every file passed; 1 some file has status review, fail or rejected;
 * 2 usage or configuration error, with a one-line message.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { PageEngine } from '../checks/types.js';
import type { Report } from '../report/schema.js';
import { RuleFileError, resolveVacancy, type Vacancy } from '../rules/vacancy.js';
import { screen } from '../screen.js';
import { formatSummary } from './summary.js';

export class UsageError extends Error {}

const PAGE_ENGINES = ['auto', 'layout', 'word', 'libreoffice'] as const;

interface VacancyOptions {
  vacancy?: string;
  rules?: string;
}

function vacancyFrom(options: VacancyOptions): Vacancy {
  if (options.vacancy && options.rules) throw new UsageError('give either --vacancy REF or --rules FILE, not both');
  if (!options.vacancy && !options.rules) throw new UsageError('give --vacancy REF or --rules FILE');
  return resolveVacancy(options);
}

const exitCodeFor = (reports: Pick<Report, 'status'>[]): number => (reports.every((r) => r.status === 'pass') ? 0 : 1);

async function checkCommand(
  files: string[],
  options: VacancyOptions & { json?: boolean; pageEngine: PageEngine },
  out: NodeJS.WritableStream,
): Promise<number> {
  const vacancy = vacancyFrom(options);
  const reports: Report[] = [];
  for (const path of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const report = await screen({ bytes, filename: basename(path) }, vacancy, { pageEngine: options.pageEngine });
    reports.push(report);
    out.write(options.json ? `${JSON.stringify(report)}\n` : `${formatSummary(report)}\n`);
  }
  return exitCodeFor(reports);
}

function buildProgram(out: NodeJS.WritableStream, setExit: (code: number) => void): Command {
  const program = new Command('essay-screen')
    .description(
      'Screens "Key challenges" essays (.docx): page limit, paper, file name, challenge coverage, formatting tricks and signals of generative-AI use.',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);

  const vacancyOptions = (command: Command): Command =>
    command
      .option('--vacancy <REF>', 'a bundled vacancy reference or alias (rules/vacancies/*.yaml)')
      .option('--rules <FILE>', 'a vacancy rule file (YAML) instead of a bundled vacancy');
  const engineOption = () =>
    new Option('--page-engine <ENGINE>', 'how pages are counted').choices(PAGE_ENGINES).default('auto');

  vacancyOptions(
    program
      .command('check')
      .description('screen one or more .docx files and print a report for each')
      .argument('<FILE...>', 'the essays to screen'),
  )
    .option('--json', 'print one JSON report per file, one per line (JSON Lines)')
    .addOption(engineOption())
    .action(async (files: string[], options) => setExit(await checkCommand(files, options, out)));

  vacancyOptions(
    program
      .command('scan')
      .description('screen every document under a folder (recursively) with a worker pool')
      .argument('<DIR>', 'the folder to scan'),
  )
    .option('--out <FILE>', 'write reports to FILE: .csv, .jsonl, .json or .html (default: JSON Lines on stdout)')
    .option('--jobs <N>', 'worker threads (default: number of cores)', (v) => positiveInt(v, '--jobs'))
    .option('--db <URL>', 'store results in the service database (SQLite path or postgres:// URL)')
    .option('--force', 're-screen files already screened with the same rules')
    .addOption(engineOption())
    .action(async (dir: string, options) => {
      const vacancy = vacancyFrom(options);
      const { runScan } = await import('../scan/command.js');
      const result = await runScan({
        dir,
        vacancy,
        out: options.out,
        jobs: options.jobs,
        db: options.db,
        force: options.force,
        pageEngine: options.pageEngine,
        stdout: out,
      });
      setExit(result.exitCode);
    });

  program
    .command('serve')
    .description('run the HTTP service and the panel pre-reading queue')
    .option('--port <N>', 'port to listen on', (v) => positiveInt(v, '--port'), 3000)
    .option('--host <HOST>', 'address to bind (default 127.0.0.1)')
    .option('--db <URL>', 'database: SQLite file path (default ./data/essay-screen.sqlite) or postgres:// URL')
    .action(async (options) => {
      const { startServer } = await import('../server/index.js');
      await startServer({ port: options.port, host: options.host, db: options.db ?? process.env.DATABASE_URL });
      setExit(0);
    });
  return program;
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number of at least 1, not "${value}"`);
  return n;
}

/** Runs the CLI and returns the exit status (the bin sets process.exitCode from it). */
export async function main(argv: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(out, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    program.outputHelp();
    return 2;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; commander already printed its message for usage errors.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof RuleFileError) {
      process.stderr.write(`essay-screen: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
