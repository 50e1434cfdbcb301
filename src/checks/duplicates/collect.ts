/**
 * Hands an essay's visible body text from inside screen() to whoever runs it (the worker pool, the
 * service), without a second parse: the near-duplicate check drops the paragraphs into the
 * collector of the screening it runs in. AsyncLocalStorage keeps concurrent screenings apart.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** One body paragraph as a reader sees it: DocModel paragraph.index and its visible text. */
export interface BodyParagraph {
  index: number;
  text: string;
}

const collector = new AsyncLocalStorage<{ paragraphs?: BodyParagraph[] }>();

/** Runs `work` (a call to screen()) and returns its result with the body text the screening saw. */
export async function collectBodyText<T>(work: () => Promise<T>): Promise<{ result: T; paragraphs?: BodyParagraph[] }> {
  const slot: { paragraphs?: BodyParagraph[] } = {};
  const result = await collector.run(slot, work);
  return { result, paragraphs: slot.paragraphs };
}

/** Called by the near-duplicate check; a no-op when nobody is collecting. */
export function offerBodyText(paragraphs: () => BodyParagraph[]): void {
  const slot = collector.getStore();
  if (slot) slot.paragraphs = paragraphs();
}

/** The paragraphs as one text (the store keeps it in this form for textsForVacancy). */
export function joinParagraphs(paragraphs: BodyParagraph[]): string {
  return paragraphs.map((p) => p.text).join('\n\n');
}
