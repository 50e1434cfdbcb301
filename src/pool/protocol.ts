/** Messages between the pool (src/pool/index.ts) and its workers (src/pool/worker.ts). */
import type { BodyParagraph } from '../checks/duplicates/collect.js';
import type { Report } from '../report/schema.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { ScreenSettings } from '../screen.js';

export interface CheckDescription {
  id: string;
  description: string;
}

export interface TaskMessage {
  id: number;
  bytes: Uint8Array;
  filename: string;
  vacancy: Vacancy;
  settings?: ScreenSettings;
  /** Also send back the visible body text (for the near-duplicate index and the store). */
  collectText: boolean;
}

export type WorkerReply =
  /** `checks`: each rule's id and one-line description, for the queue pages (the main thread loads no check). */
  | { type: 'ready'; checks?: CheckDescription[] }
  | { type: 'done'; id: number; report: Report; paragraphs?: BodyParagraph[] }
  | { type: 'failed'; id: number; message: string };

export interface WorkerData {
  /** URL of a module exporting `screen` in place of src/screen.ts (tests of the pool's failure handling). */
  screenModule?: string;
}
