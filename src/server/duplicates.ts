/**
 * The near-duplicate check in the service: each new essay is compared with the essays already kept
 * for its vacancy. A per-vacancy index is built once from the store and topped up with what other
 * instances saved since (textsForVacancy's `since`), so an upload never rebuilds it from scratch.
 */
import type { BodyParagraph } from '../checks/duplicates/collect.js';
import {
  NearDuplicateIndex,
  nearDuplicateFinding,
  noticeTextOf,
  withNearDuplicateFinding,
} from '../checks/duplicates/index.js';
import type { Report } from '../report/schema.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { Store } from '../store/index.js';

interface Meta {
  file: string;
  sha256: string;
}

interface VacancyIndex {
  index: NearDuplicateIndex<Meta>;
  ids: Set<string>;
  /** created_at of the newest text loaded from the store. */
  loadedUntil?: string;
}

export class DuplicateChecker {
  private readonly indexes = new Map<string, Promise<VacancyIndex>>();
  private readonly deleted = new Set<string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  private async indexFor(vacancy: Vacancy): Promise<VacancyIndex> {
    let entry = this.indexes.get(vacancy.reference);
    if (!entry) {
      entry = Promise.resolve({
        index: new NearDuplicateIndex<Meta>({ notice: noticeTextOf(vacancy) }),
        ids: new Set<string>(),
      });
      this.indexes.set(vacancy.reference, entry);
    }
    const state = await entry;
    // Top up with essays saved since (by this or another instance); ids already held are skipped.
    const texts = await this.store.textsForVacancy(vacancy.reference, { since: state.loadedUntil });
    for (const text of texts) {
      if (!state.ids.has(text.id)) {
        state.ids.add(text.id);
        state.index.add(text.id, text.text, { file: text.filename, sha256: text.sha256 });
      }
      if (!state.loadedUntil || text.createdAt > state.loadedUntil) state.loadedUntil = text.createdAt;
    }
    return state;
  }

  /** The report with a near-duplicate finding when the essay shares passages with a kept one. */
  async check(vacancy: Vacancy, report: Report, paragraphs: readonly BodyParagraph[] | undefined): Promise<Report> {
    if (!paragraphs || report.status === 'rejected') return report;
    const { index } = await this.indexFor(vacancy);
    const matches = index.query(paragraphs, {
      // The same bytes screened before are the same submission, not a copy of another.
      exclude: (id, meta) => meta.sha256 === report.sha256 || this.deleted.has(id),
    });
    return withNearDuplicateFinding(
      report,
      nearDuplicateFinding(matches, (m) => m.meta.file, index.rules),
    );
  }

  /** Adds a just-saved essay so the next upload is compared with it at once. */
  async remember(
    vacancy: Vacancy,
    id: string,
    report: Report,
    paragraphs: readonly BodyParagraph[] | undefined,
  ): Promise<void> {
    if (!paragraphs) return;
    const state = await this.indexes.get(vacancy.reference);
    if (!state || state.ids.has(id)) return;
    state.ids.add(id);
    state.index.add(id, paragraphs, { file: report.file, sha256: report.sha256 });
  }

  /**
   * Runs check → save → remember for one vacancy at a time, so two near-identical essays uploaded
   * together are still compared with each other (screening itself stays parallel, in the pool).
   */
  serial<T>(vacancy: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(vacancy) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(vacancy, settled);
    void settled.then(() => {
      if (this.queues.get(vacancy) === settled) this.queues.delete(vacancy);
    });
    return next;
  }

  /** A deleted screening must no longer be named as the other half of a duplicate. */
  forget(id: string): void {
    this.deleted.add(id);
  }

  /** After a retention purge: rebuild from the store on next use. */
  reset(): void {
    this.indexes.clear();
    this.deleted.clear();
  }
}
