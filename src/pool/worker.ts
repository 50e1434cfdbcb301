/**
 * One pool worker: loads the screening pipeline (and every check) once, says it is ready, then
 * screens one file per message. Errors inside screen() already become rejected reports; anything
 * that still escapes is sent back as a failure so the pool can answer with an INTERNAL report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { collectBodyText } from '../checks/duplicates/collect.js';
import { allChecks } from '../checks/registry.js';
import type { screen as screenFunction } from '../screen.js';
import type { TaskMessage, WorkerData, WorkerReply } from './protocol.js';

if (!parentPort)
  throw new Error('src/pool/worker is a worker_threads entry point; create it through createScreenPool()');
const port = parentPort;

// Load the pipeline and the checks before saying ready, so the per-file time limit measures
// screening, not start-up.
const { screenModule } = (workerData ?? {}) as WorkerData;
const { screen } = (await import(screenModule ?? '../screen.js')) as { screen: typeof screenFunction };
const checks = screenModule ? [] : await allChecks();

port.on('message', async (task: TaskMessage) => {
  let reply: WorkerReply;
  try {
    const input = { bytes: task.bytes, filename: task.filename };
    if (task.collectText) {
      const { result, paragraphs } = await collectBodyText(() => screen(input, task.vacancy, task.settings));
      reply = { type: 'done', id: task.id, report: result, paragraphs };
    } else {
      reply = { type: 'done', id: task.id, report: await screen(input, task.vacancy, task.settings) };
    }
  } catch (error) {
    reply = {
      type: 'failed',
      id: task.id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  port.postMessage(reply);
});

port.postMessage({
  type: 'ready',
  checks: checks.map((check) => ({ id: check.meta.id, description: check.meta.description })),
} satisfies WorkerReply);
