/**
 * Finds the documents under a folder for the bulk scan. Symbolic links are followed only when they
 * point inside the folder (a link to /etc or a network share is never read), each file and folder
 * is visited once (no loops through links), and Office's "~$" lock files and hidden entries are
 * left out. Files that look like documents but are not .docx (.doc, .pdf, .rtf, .odt, ...) are
 * listed too, so that the scan reports them as rejected instead of silently skipping them.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/** Extensions (lower case, no dot) of files a candidate may have sent as their essay. */
export const DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set([
  'docx',
  'docm',
  'dotx',
  'dotm',
  'doc',
  'dot',
  'pdf',
  'rtf',
  'odt',
  'ott',
  'wps',
  'wpd',
  'pages',
]);

export interface FoundFile {
  /** Absolute path as reached from the folder (through links inside it, if any). */
  path: string;
  /** Path relative to the scanned folder, with forward slashes (shown in reports). */
  relativePath: string;
  size: number;
}

export interface WalkResult {
  files: FoundFile[];
  /** Files that are not documents (by extension), lock files and hidden files. */
  ignored: number;
  /** Links pointing outside the folder, or broken. */
  linksSkipped: number;
}

const isInside = (root: string, path: string): boolean => {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
};

export function looksLikeDocument(name: string): boolean {
  if (name.startsWith('~$') || name.startsWith('.')) return false;
  return DOCUMENT_EXTENSIONS.has(extname(name).slice(1).toLowerCase());
}

/** Every document under `dir`, sorted by relative path (so reports come in a stable order). */
export async function findDocuments(dir: string): Promise<WalkResult> {
  const root = await realpath(dir);
  const result: WalkResult = { files: [], ignored: 0, linksSkipped: 0 };
  const seenDirs = new Set<string>([root]);
  const seenFiles = new Set<string>();

  const visit = async (real: string, shown: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to screen there
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) {
        result.ignored++;
        continue;
      }
      const path = join(real, entry.name);
      const shownPath = join(shown, entry.name);
      let target = path;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          target = await realpath(path);
          const info = await stat(target);
          isDir = info.isDirectory();
          isFile = info.isFile();
        } catch {
          result.linksSkipped++;
          continue;
        }
        if (!isInside(root, target)) {
          result.linksSkipped++;
          continue;
        }
      }
      if (isDir) {
        if (seenDirs.has(target)) continue;
        seenDirs.add(target);
        await visit(target, shownPath);
      } else if (isFile) {
        if (!looksLikeDocument(entry.name)) {
          result.ignored++;
          continue;
        }
        if (seenFiles.has(target)) continue;
        seenFiles.add(target);
        const size = (await stat(target)).size;
        result.files.push({ path: target, relativePath: shownPath.split(sep).join('/'), size });
      }
    }
  };

  await visit(root, '');
  result.files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return result;
}
