/**
 * The optional LibreOffice engine: renders .docx files to PDF with `soffice --headless` and counts
 * the PDF's pages. Slow (about a second a file alone, less in batches) and heavy (hundreds of MB a
 * process), so the default `auto` engine asks it only about borderline files, and only when
 * soffice is on PATH. Nothing else in the project needs LibreOffice.
 *
 * Each process keeps one private LibreOffice profile (-env:UserInstallation) so that parallel
 * workers never share one, conversions in a process run one batch at a time, and a batch that
 * overruns its time limit is killed with its whole process group.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { loadRuleData } from '../rules/data.js';

export interface LibreOfficeRules {
  /** Time limit for one conversion batch: base plus a share per file. */
  batchTimeoutMs: number;
  perFileTimeoutMs: number;
  /** Files converted by one soffice run. */
  batchSize: number;
}

export function libreOfficeRules(): LibreOfficeRules {
  return loadRuleData<{ libreoffice: LibreOfficeRules }>('pages.yaml').libreoffice;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

let sofficeCache: string | null | undefined;
/** Path of soffice (or libreoffice) on PATH, or undefined when LibreOffice is not installed. */
export function findSoffice(): string | undefined {
  if (sofficeCache === undefined) sofficeCache = onPath('soffice') ?? onPath('libreoffice') ?? null;
  return sofficeCache ?? undefined;
}

/** Counts the pages of a PDF: pdfinfo when installed, else the page objects in the file. */
export async function countPdfPages(pdf: Uint8Array | string): Promise<number> {
  const bytes = typeof pdf === 'string' ? await readFile(pdf) : pdf;
  const pdfinfo = typeof pdf === 'string' ? onPath('pdfinfo') : undefined;
  if (pdfinfo && typeof pdf === 'string') {
    const { stdout, code } = await run(pdfinfo, [pdf], 10_000);
    const match = /^Pages:\s+(\d+)/m.exec(stdout);
    if (code === 0 && match) return Number(match[1]);
  }
  // LibreOffice writes page objects uncompressed: "/Type /Page" (not "/Pages").
  const text = Buffer.from(bytes).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  const count = /\/Type\s*\/Pages[^>]*?\/Count\s+(\d+)/.exec(text);
  if (count) return Number(count[1]);
  throw new Error('the PDF written by LibreOffice has no page objects');
}

function run(
  command: string,
  args: string[],
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    // Detached: soffice starts helper processes; on timeout the whole group is killed.
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let timedOut = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', () => {});
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, timedOut });
    });
  });
}

const PROFILE_PREFIX = 'essay-screen-lo-profile-';
let profileDir: Promise<string> | undefined;

/** Removes profiles left by processes that have ended (killed workers never run exit hooks). */
async function removeStaleProfiles(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(name.startsWith(PROFILE_PREFIX) ? name.slice(PROFILE_PREFIX.length).split('-')[0] : Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0); // still running: leave it
    } catch {
      await rm(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/** One private LibreOffice profile per process and thread, removed at exit. */
function profile(): Promise<string> {
  if (!profileDir) {
    const dir = join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-${threadId}`);
    profileDir = removeStaleProfiles().then(async () => {
      await mkdir(dir, { recursive: true });
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      return dir;
    });
  }
  return profileDir;
}

// Conversions within a process run one after another: a profile cannot be shared by two soffice processes.
let queue: Promise<unknown> = Promise.resolve();

export interface LibreOfficeInput {
  /** A name for the file (any; used for errors). */
  name: string;
  bytes: Uint8Array;
}

export interface LibreOfficeResult {
  name: string;
  pages?: number;
  error?: string;
}

/** Converts files to PDF with LibreOffice in batches and returns each file's page count. */
export function libreOfficePageCounts(
  files: LibreOfficeInput[],
  rules: LibreOfficeRules = libreOfficeRules(),
): Promise<LibreOfficeResult[]> {
  const job = queue.then(() => convertAll(files, rules));
  queue = job.catch(() => undefined);
  return job;
}

/** Page count of one file as LibreOffice lays it out; throws when LibreOffice is missing or fails. */
export async function libreOfficePageCount(bytes: Uint8Array, name = 'document.docx'): Promise<number> {
  const [result] = await libreOfficePageCounts([{ name, bytes }]);
  if (result.pages === undefined) throw new Error(result.error ?? 'LibreOffice gave no page count');
  return result.pages;
}

async function convertAll(files: LibreOfficeInput[], rules: LibreOfficeRules): Promise<LibreOfficeResult[]> {
  const soffice = findSoffice();
  if (!soffice) {
    return files.map((f) => ({ name: f.name, error: 'LibreOffice (soffice) is not installed or not on PATH' }));
  }
  const userInstallation = pathToFileURL(await profile()).href;
  const results: LibreOfficeResult[] = [];
  for (let start = 0; start < files.length; start += rules.batchSize) {
    const batch = files.slice(start, start + rules.batchSize);
    const work = await mkdtemp(join(tmpdir(), 'essay-screen-lo-'));
    try {
      const inputDir = join(work, 'in');
      const outputDir = join(work, 'out');
      await mkdir(inputDir);
      await mkdir(outputDir);
      // Neutral names: the uploader's file name never reaches the command line.
      const inputs = batch.map((_, i) => join(inputDir, `f${i}.docx`));
      await Promise.all(batch.map((file, i) => writeFile(inputs[i], file.bytes)));
      const timeout = rules.batchTimeoutMs + rules.perFileTimeoutMs * batch.length;
      const { timedOut } = await run(
        soffice,
        [
          `-env:UserInstallation=${userInstallation}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'pdf',
          '--outdir',
          outputDir,
          ...inputs,
        ],
        timeout,
      );
      const written = new Set(await readdir(outputDir));
      for (let i = 0; i < batch.length; i++) {
        const pdf = `f${i}.pdf`;
        if (!written.has(pdf)) {
          results.push({
            name: batch[i].name,
            error: timedOut
              ? `LibreOffice did not finish within ${timeout} ms`
              : 'LibreOffice could not convert the file',
          });
          continue;
        }
        try {
          results.push({ name: batch[i].name, pages: await countPdfPages(join(outputDir, pdf)) });
        } catch (error) {
          results.push({ name: batch[i].name, error: (error as Error).message });
        }
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return results;
}
