/**
 * Loads the labelled AI-text corpus in ../shared/corpus/ai-text/ (see the READMEs there) for the
 * calibration script, the bench and the fairness test, and names its groups the same way in all
 * three: human groups (where false flags are measured) and AI sources (where detection is measured).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus', 'ai-text');

export const HUMAN_GROUPS = [
  'ellipse-low',
  'ellipse-mid',
  'ellipse-high',
  'herbold-students',
  'outfox-students',
  'un-speeches',
] as const;
export const AI_SOURCES = [
  'outfox:gpt-3.5-turbo',
  'outfox:davinci',
  'outfox:flan',
  'l2:chatgpt3',
  'l2:chatgpt4',
  'l2:gpt-3.5-turbo',
  'l2:davinci',
  'l2:gpt4',
  'l2:claude',
  'nato-llm',
] as const;
export type Group = (typeof HUMAN_GROUPS)[number] | (typeof AI_SOURCES)[number];

export interface CorpusText {
  id: string;
  label: 'human' | 'ai';
  group: Group;
  /** Texts sharing a topic/prompt/country share this key, so cross-validation keeps them in one fold. */
  cvGroup: string;
  language: string;
  text: string;
}

interface Row {
  id: string;
  label: 'human' | 'ai';
  source: string;
  generator: string | null;
  text: string;
  language?: string;
  vacancy?: string;
  prompt?: string;
  meta: Record<string, unknown>;
}

const FILES = [
  'outfox/outfox.jsonl',
  'l2-argumentative/l2-argumentative.jsonl',
  'ungdc-human/ungdc-human.jsonl',
  'nato-llm/nato-llm.jsonl',
];

function groupOf(file: string, row: Row): Group {
  const gen = row.generator ?? '';
  if (file.startsWith('outfox')) {
    if (row.label === 'human') return 'outfox-students';
    if (gen.startsWith('gpt-3.5')) return 'outfox:gpt-3.5-turbo';
    if (gen.includes('davinci')) return 'outfox:davinci';
    if (gen.includes('flan')) return 'outfox:flan';
  }
  if (file.startsWith('l2')) {
    if (row.label === 'human') {
      if (row.source.startsWith('ELLIPSE')) return `ellipse-${row.meta.band as 'low' | 'mid' | 'high'}`;
      return 'herbold-students';
    }
    if (gen.startsWith('gpt-3.5 (')) return 'l2:chatgpt3';
    if (gen.startsWith('gpt-4 (')) return 'l2:chatgpt4';
    if (gen === 'gpt-3.5-turbo') return 'l2:gpt-3.5-turbo';
    if (gen.includes('davinci')) return 'l2:davinci';
    if (gen === 'gpt4') return 'l2:gpt4';
    if (gen.includes('claude')) return 'l2:claude';
  }
  if (file.startsWith('ungdc')) return 'un-speeches';
  if (file.startsWith('nato')) return 'nato-llm';
  throw new Error(
    `ai corpus: cannot place ${row.id} (${file}, generator ${gen}) in a group; update scripts/ai-corpus.ts`,
  );
}

function cvGroupOf(file: string, row: Row): string {
  const m = row.meta;
  if (file.startsWith('outfox')) return `outfox:${String(m.prompt).slice(0, 120)}`;
  if (file.startsWith('l2')) return `l2:${String(m.topic ?? m.prompt_id ?? m.prompt)}`;
  if (file.startsWith('ungdc')) return `un:${String(m.country)}`;
  return `nato:${row.vacancy}:${row.prompt}`;
}

let cached: CorpusText[] | undefined;

/** Every text of the shared AI corpus, in file order. Throws with a clear message when it is missing. */
export function loadAiCorpus(dir = CORPUS_DIR): CorpusText[] {
  if (cached && dir === CORPUS_DIR) return cached;
  const out: CorpusText[] = [];
  for (const file of FILES) {
    const path = join(dir, file);
    if (!existsSync(path))
      throw new Error(
        `AI calibration corpus not found: ${path} (expected ../shared/corpus/ai-text beside the repository)`,
      );
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as Row;
      out.push({
        id: row.id,
        label: row.label,
        group: groupOf(file, row),
        cvGroup: cvGroupOf(file, row),
        language: row.language ?? 'en',
        text: row.text,
      });
    }
  }
  if (dir === CORPUS_DIR) cached = out;
  return out;
}

/** Fold (0..k-1) of a cross-validation group, by hash: stable across runs and machines. */
export function foldOf(cvGroup: string, k: number): number {
  return createHash('sha256').update(`ai-cv|${cvGroup}`).digest().readUInt32BE(0) % k;
}

export const isHumanGroup = (g: Group): boolean => (HUMAN_GROUPS as readonly string[]).includes(g);
