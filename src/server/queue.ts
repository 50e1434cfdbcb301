/**
 * The panel's pre-reading queue: server-rendered pages (Eta, escaping on) that work without
 * JavaScript and from the keyboard. /queue lists vacancies; /queue?vacancy=REF the essays;
 * /queue/:id one essay with its findings explained and evidence highlighted; CSV export.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { type Request, type Response, Router, urlencoded } from 'express';
import { allChecks } from '../checks/registry.js';
import type { Report } from '../report/schema.js';
import { findVacancy, type Vacancy } from '../rules/vacancy.js';
import type { StoredScreening } from '../store/index.js';
import { readableScreening, reviewerName } from './api.js';
import type { AppDeps } from './app.js';
import { TOKEN_COOKIE } from './app.js';
import { csvRow } from './csv.js';
import { type EvidenceMark, highlightEvidence, renderEssayHtml } from './essay.js';
import { attachment, HttpError, withoutEmpty } from './http.js';
import type { InFlight } from './inflight.js';
import {
  AI_CAVEAT,
  AI_LEVEL_LABELS,
  CATEGORY_EXPLANATIONS,
  csvHeader,
  csvValues,
  formatTime,
  SEVERITY_LABELS,
  STATUS_EXPLANATIONS,
  STATUS_LABELS,
  toQueueRow,
  VERDICT_LABELS,
} from './present.js';
import { AI_LEVELS, describeZodError, ListQuerySchema, SORT_KEYS, STATUSES } from './schemas.js';
import { authenticate, canRead, type Principal } from './tokens.js';

/** Views sit beside this file in src/; a compiled dist/server/ build reads them from src/server/views. */
function viewsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'views'), resolve(here, '..', '..', 'src', 'server', 'views')];
  const found = candidates.find((dir) => existsSync(join(dir, 'layout.eta')));
  if (!found) throw new Error(`the queue's page templates are missing (looked in ${candidates.join(', ')})`);
  return found;
}

const VIEWS = viewsDir();
const eta = new Eta({ views: VIEWS, autoEscape: true, cache: true });
const CSS = readFileSync(join(VIEWS, 'queue.css'), 'utf8');

const SORT_LABELS: Record<(typeof SORT_KEYS)[number], string> = {
  created: 'Received',
  filename: 'File',
  status: 'Status',
  pages: 'Pages',
  ai: 'AI signals',
  reviewed: 'Reviewed',
};
const CHALLENGE_SYMBOLS = { covered: '●', weak: '◐', missing: '○' };
const LANGUAGES: Record<string, string> = { en: 'English', fr: 'French', other: 'neither English nor French' };

/** Each rule's one-line description, from the checks' own meta (empty when they cannot be had). */
async function loadDescriptions(deps: AppDeps): Promise<ReadonlyMap<string, string>> {
  try {
    if (deps.screener.checkDescriptions) return await deps.screener.checkDescriptions();
    return new Map((await allChecks()).map((check) => [check.meta.id, check.meta.description]));
  } catch {
    // The pages still work without the descriptions.
    return new Map();
  }
}

interface PageContext {
  principal?: Principal;
  retentionDays?: number;
}

function render(res: Response, view: string, data: Record<string, unknown>, status = 200): void {
  res.status(status).type('html').send(eta.render(view, data));
}

export function renderErrorPage(req: Request, res: Response, status: number, heading: string, message: string): void {
  render(res, 'error', { title: heading, heading, message, principal: req.principal }, status);
}

/** The principal, or the sign-in page (401) for a browser without a valid token. */
function pagePrincipal(req: Request, res: Response, deps: AppDeps): Principal | undefined {
  if (req.principal) {
    if (req.principal.role === 'uploader') {
      renderErrorPage(req, res, 403, 'Not for upload tokens', 'This token can upload essays but not read the queue.');
      return undefined;
    }
    return req.principal;
  }
  render(
    res,
    'login',
    { title: 'Sign in', next: req.originalUrl, failed: false, retentionDays: deps.retentionDays },
    401,
  );
  return undefined;
}

/** Only same-site paths may be a post-login destination (no open redirect). */
const safeNext = (next: unknown): string =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : '/queue';

function challengeTitles(vacancy: Vacancy | undefined): Map<number, string> {
  return new Map((vacancy?.challenges ?? []).map((c, i) => [i + 1, c.title ?? ''] as const));
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

/** Evidence paragraph → what it is evidence for, and the quotes to mark. */
function evidenceMarks(report: Report, titles: Map<number, string>): Map<number, EvidenceMark> {
  const marks = new Map<number, EvidenceMark>();
  const entry = (paragraph: number) => {
    const mark = marks.get(paragraph) ?? { quotes: [], labels: [], coverageOnly: true };
    marks.set(paragraph, mark);
    return mark;
  };
  for (const finding of report.findings) {
    for (const e of finding.evidence) {
      const mark = entry(e.paragraph);
      mark.labels.push(finding.rule);
      // Coverage findings quote whole paragraphs: labelled, like the challenges, not highlighted.
      if (finding.category === 'coverage') continue;
      mark.quotes.push(e.text);
      mark.coverageOnly = false;
    }
  }
  for (const c of report.challenges ?? []) {
    for (const e of c.evidence)
      entry(e.paragraph).labels.push(`challenge ${c.id}${titles.get(c.id) ? ` (${titles.get(c.id)})` : ''}`);
  }
  return marks;
}

const short = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

export function queueRouter(deps: AppDeps & { inFlight: InFlight }): Router {
  const router = Router();
  const form = urlencoded({ extended: false, limit: '16kb' });
  const renderEssay = deps.renderEssay ?? renderEssayHtml;
  let descriptions: Promise<ReadonlyMap<string, string>> | undefined;
  const checkDescriptions = () => (descriptions ??= loadDescriptions(deps));
  const tokensConfigured = (deps.tokens ?? []).length > 0;
  const page = (req: Request): PageContext => ({ principal: req.principal, retentionDays: deps.retentionDays });

  router.get('/assets/queue.css', (_req, res) => {
    res.type('css').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(CSS);
  });

  router.get('/', (_req, res) => res.redirect(302, '/queue'));
  // Browsers ask for it on every page; there is none, and a 404 would only fill the logs.
  router.get('/favicon.ico', (_req, res) => res.status(204).end());

  router.get('/login', (req, res) => {
    if (!tokensConfigured) return res.redirect(303, '/queue');
    render(res, 'login', { ...page(req), title: 'Sign in', next: safeNext(req.query.next), failed: false });
  });

  router.post('/login', form, (req, res) => {
    const next = safeNext(req.body?.next);
    if (!tokensConfigured) return res.redirect(303, next);
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const principal = token ? authenticate(token, deps.tokens ?? []) : undefined;
    if (!principal) {
      req.log.warn('sign-in with an unknown token');
      return render(res, 'login', { title: 'Sign in', next, failed: true }, 401);
    }
    const secure = req.secure ? '; Secure' : '';
    res.setHeader(
      'Set-Cookie',
      `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200${secure}`,
    );
    req.log.info({ who: principal.name }, 'signed in');
    res.redirect(303, next);
  });

  router.post('/logout', (_req, res) => {
    res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.redirect(303, tokensConfigured ? '/login' : '/queue');
  });

  /** Resolves ?vacancy= to a vacancy this principal may read, or renders the reason it cannot. */
  const vacancyFor = (req: Request, res: Response, principal: Principal, given: string): Vacancy | undefined => {
    const vacancy = findVacancy(given, deps.vacancies);
    if (!vacancy) {
      renderErrorPage(
        req,
        res,
        404,
        'Unknown vacancy',
        `There is no vacancy "${given}". Pick one from the list of vacancies.`,
      );
      return undefined;
    }
    if (!canRead(principal, vacancy.reference)) {
      renderErrorPage(
        req,
        res,
        403,
        'Not your vacancy',
        `Your access token does not cover vacancy ${vacancy.reference}.`,
      );
      return undefined;
    }
    return vacancy;
  };

  router.get('/queue', async (req, res) => {
    const principal = pagePrincipal(req, res, deps);
    if (!principal) return;
    const given = typeof req.query.vacancy === 'string' ? req.query.vacancy.trim() : '';
    if (!given) {
      const visible = deps.vacancies.filter((v) => canRead(principal, v.reference));
      const counts = new Map(
        (await deps.store.vacancyCounts(visible.map((v) => v.reference))).map((c) => [c.vacancy, c]),
      );
      const vacancies = visible.map((v) => {
        const c = counts.get(v.reference);
        return {
          reference: v.reference,
          title: v.title,
          total: c?.total ?? 0,
          reviewed: c?.reviewed ?? 0,
          fail: c?.byStatus.fail ?? 0,
          review: c?.byStatus.review ?? 0,
        };
      });
      return render(res, 'queues', { ...page(req), title: 'Vacancies', vacancies });
    }
    const vacancy = vacancyFor(req, res, principal, given);
    if (!vacancy) return;
    const parsed = ListQuerySchema.safeParse(withoutEmpty(req.query));
    if (!parsed.success) return renderErrorPage(req, res, 400, 'Bad filter', describeZodError(parsed.error));
    const query = parsed.data;
    const direction = query.direction ?? (query.sort === 'created' ? 'desc' : 'asc');
    const result = await deps.store.listScreenings({
      vacancy: vacancy.reference,
      status: query.status,
      ai: query.ai,
      reviewed: query.reviewed === undefined ? undefined : query.reviewed === 'true',
      page: query.page,
      pageSize: query.pageSize,
      sort: query.sort,
      direction,
    });
    const titles = challengeTitles(vacancy);
    const filters = { vacancy: vacancy.reference, status: query.status, ai: query.ai, reviewed: query.reviewed };
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const link = (extra: Record<string, string | number | undefined>) =>
      `/queue?${queryString({ ...filters, sort: query.sort, direction, ...extra })}`;
    const columns = [
      { label: 'File', key: 'filename' },
      { label: 'Status', key: 'status' },
      { label: 'Pages', key: 'pages', numeric: true },
      { label: 'File name' },
      { label: 'Challenges' },
      { label: 'Formatting' },
      { label: 'AI signals', key: 'ai' },
      { label: 'Reviewed', key: 'reviewed' },
    ].map((c) => {
      if (!c.key) return c;
      const active = query.sort === c.key;
      const nextDirection = active && direction === 'asc' ? 'desc' : 'asc';
      return {
        ...c,
        href: link({ sort: c.key, direction: nextDirection }),
        ariaSort: active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined,
        mark: active ? (direction === 'asc' ? ' ▲' : ' ▼') : '',
      };
    });
    render(res, 'queue', {
      ...page(req),
      title: `Queue ${vacancy.reference}`,
      vacancy,
      total: result.total,
      page: result.page,
      pages,
      rows: result.items.map((s) => toQueueRow(s, titles)),
      query,
      direction,
      columns,
      labels: VERDICT_LABELS,
      formatTime,
      exportUrl: `/queue/export.csv?${queryString({ ...filters, sort: query.sort, direction })}`,
      prevUrl: result.page > 1 ? link({ page: result.page - 1 }) : undefined,
      nextUrl: result.page < pages ? link({ page: result.page + 1 }) : undefined,
      options: {
        statuses: STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
        aiLevels: AI_LEVELS.map((a) => ({ value: a, label: AI_LEVEL_LABELS[a] })),
        sorts: SORT_KEYS.map((s) => ({ value: s, label: SORT_LABELS[s] })),
      },
    });
  });

  router.get('/queue/export.csv', async (req, res) => {
    const principal = pagePrincipal(req, res, deps);
    if (!principal) return;
    const given = typeof req.query.vacancy === 'string' ? req.query.vacancy.trim() : '';
    if (!given)
      return renderErrorPage(req, res, 400, 'Which vacancy?', 'Add ?vacancy=REF to export one vacancy’s queue.');
    const vacancy = vacancyFor(req, res, principal, given);
    if (!vacancy) return;
    const parsed = ListQuerySchema.safeParse(withoutEmpty(req.query));
    if (!parsed.success) return renderErrorPage(req, res, 400, 'Bad filter', describeZodError(parsed.error));
    const query = parsed.data;
    const challengeCount = vacancy.challenges.length;
    let body = `\ufeff${csvRow(csvHeader(challengeCount))}`; // the BOM makes Excel read UTF-8
    // Every matching row, not just one page: read in pages of the store's largest size.
    for (let pageNumber = 1; ; pageNumber++) {
      const result = await deps.store.listScreenings({
        vacancy: vacancy.reference,
        status: query.status,
        ai: query.ai,
        reviewed: query.reviewed === undefined ? undefined : query.reviewed === 'true',
        sort: query.sort,
        direction: query.direction,
        page: pageNumber,
        pageSize: 500,
      });
      for (const screening of result.items) body += csvRow(csvValues(screening, challengeCount));
      if (pageNumber * result.pageSize >= result.total || result.items.length === 0) break;
    }
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachment(`queue-${vacancy.reference}-${day}.csv`));
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(body);
  });

  /** The signed-in reader and the essay they asked for; undefined once a sign-in or 404 page is sent. */
  const screeningForPage = async (
    req: Request,
    res: Response,
  ): Promise<{ principal: Principal; screening: StoredScreening } | undefined> => {
    const principal = pagePrincipal(req, res, deps);
    if (!principal) return undefined;
    try {
      return { principal, screening: await readableScreening(deps, principal, String(req.params.id)) };
    } catch (error) {
      if (error instanceof HttpError) {
        renderErrorPage(req, res, 404, 'Essay not found', error.message);
        return undefined;
      }
      throw error;
    }
  };

  const detail = async (req: Request, res: Response, flash?: string) => {
    const found = await screeningForPage(req, res);
    if (!found) return;
    const { principal, screening } = found;
    const report = screening.report;
    const vacancy = findVacancy(screening.vacancy, deps.vacancies);
    const titles = challengeTitles(vacancy);
    const checks = await checkDescriptions();
    let essayHtml: string | undefined;
    let essayError: string | undefined;
    if (report.status === 'rejected') {
      essayError =
        'The file could not be read, so the essay cannot be shown. Download the original file to look at it.';
    } else {
      try {
        const file = await deps.store.getFile(screening.id);
        if (!file) essayError = 'The original file is no longer kept.';
        else essayHtml = highlightEvidence(await renderEssay(file.bytes), evidenceMarks(report, titles));
      } catch (error) {
        req.log.warn({ err: error, screening: screening.id }, 'the essay could not be rendered');
        essayError = 'The essay cannot be shown here. Download the original file to read it.';
      }
    }
    const findings = [...report.findings]
      .sort((a, b) => severityOrder(a.severity) - severityOrder(b.severity))
      .map((f) => ({
        ...f,
        title: checks.get(f.rule) ? capitalise(checks.get(f.rule) ?? '') : f.rule,
        description: undefined as string | undefined,
        severityLabel: SEVERITY_LABELS[f.severity],
        categoryExplanation: CATEGORY_EXPLANATIONS[f.category],
      }));
    render(res, 'detail', {
      ...page(req),
      title: screening.filename,
      screening,
      flash,
      statusLabel: STATUS_LABELS[report.status],
      statusExplanation: STATUS_EXPLANATIONS[report.status],
      received: formatTime(screening.createdAt),
      labels: VERDICT_LABELS,
      symbols: CHALLENGE_SYMBOLS,
      languageLabel: report.language ? LANGUAGES[report.language] : '',
      aiLabel: report.ai ? (AI_LEVEL_LABELS[report.ai.level] ?? report.ai.level) : '',
      aiCaveat: AI_CAVEAT,
      challengeTitle: (id: number) => titles.get(id),
      findings,
      short,
      formatTime,
      history: await deps.store.reviewHistory(screening.id),
      canReview: principal.role === 'panel' || principal.role === 'admin',
      reviewerDefault: principal.local ? '' : principal.name,
      essayHtml,
      essayError,
    });
  };

  router.get('/queue/:id', (req, res) =>
    detail(req, res, req.query.reviewed === '1' ? 'Marked as reviewed.' : undefined),
  );

  router.post('/queue/:id/review', form, async (req, res) => {
    const found = await screeningForPage(req, res);
    if (!found) return;
    const { principal, screening } = found;
    const typed = typeof req.body?.reviewer === 'string' ? req.body.reviewer.trim().slice(0, 100) : '';
    const note = typeof req.body?.note === 'string' ? req.body.note.trim().slice(0, 4000) : '';
    if (principal.local && !typed) {
      return renderErrorPage(
        req,
        res,
        400,
        'Name needed',
        'Type your name so the panel knows who reviewed this essay.',
      );
    }
    await deps.store.markReviewed(screening.id, { reviewer: reviewerName(principal, typed || undefined), note });
    req.log.info({ screening: screening.id, who: principal.name }, 'reviewed');
    // Post/redirect/get: reloading the page does not post the review twice.
    res.redirect(303, `/queue/${encodeURIComponent(screening.id)}?reviewed=1#review-h`);
  });

  return router;
}

const severityOrder = (severity: string) => ({ error: 0, warning: 1, info: 2 })[severity] ?? 3;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
