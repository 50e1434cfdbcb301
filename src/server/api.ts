/**
 * The JSON API (CONTRACT.md "HTTP service"): upload and screen, read reports and files, list,
 * review, delete.
 */
import { createHash, randomUUID } from 'node:crypto';
import { json, type Request, type RequestHandler, type Response, Router } from 'express';
import { joinParagraphs } from '../checks/duplicates/collect.js';
import { findVacancy, type Vacancy } from '../rules/vacancy.js';
import { rulesHashFor, type StoredScreening } from '../store/index.js';
import type { AppDeps } from './app.js';
import type { DuplicateChecker } from './duplicates.js';
import { attachment, HttpError, route, sendError, toResponse, withoutEmpty } from './http.js';
import type { InFlight } from './inflight.js';
import { describeZodError, ListQuerySchema, ReviewBodySchema, UploadFieldsSchema } from './schemas.js';
import { canRead, canUpload, type Principal } from './tokens.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ApiDeps extends AppDeps {
  inFlight: InFlight;
  duplicates: DuplicateChecker;
  upload: { single(field: string): RequestHandler };
}

/** 401 without a valid token; 403 when the role may not do this at all. */
export function requirePrincipal(req: Request, roles?: Array<Principal['role']>): Principal {
  const principal = req.principal;
  if (!principal)
    throw new HttpError(401, 'UNAUTHENTICATED', 'Send a valid access token: "Authorization: Bearer TOKEN".');
  if (roles && !roles.includes(principal.role)) {
    throw new HttpError(403, 'FORBIDDEN', `A ${principal.role} token may not do this.`);
  }
  return principal;
}

/** The screening, if it exists and this principal may read it; 404 otherwise (never says which). */
export async function readableScreening(deps: AppDeps, principal: Principal, id: string): Promise<StoredScreening> {
  const screening = await deps.store.getScreening(id);
  if (!screening || !canRead(principal, screening.vacancy)) {
    throw new HttpError(404, 'NOT_FOUND', `There is no screening with id "${id}" that this token may read.`);
  }
  return screening;
}

export function reviewerName(principal: Principal, typed: string | undefined): string {
  if (principal.local) return typed ?? 'local user';
  return typed && typed !== principal.name ? `${typed} (${principal.name})` : principal.name;
}

export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  const rulesHashes = new Map<Vacancy, string>();
  const rulesHash = (vacancy: Vacancy) => {
    let hash = rulesHashes.get(vacancy);
    if (!hash) {
      hash = rulesHashFor(vacancy);
      rulesHashes.set(vacancy, hash);
    }
    return hash;
  };

  router.post(
    '/screenings',
    // Refuse before reading the body: an unauthenticated or panel client never gets to upload.
    route((req, _res, next) => {
      requirePrincipal(req, ['uploader', 'admin']);
      next();
    }),
    deps.upload.single('file'),
    route(async (req: Request, res: Response) => {
      const principal = requirePrincipal(req, ['uploader', 'admin']);
      const file = req.file;
      const fields = UploadFieldsSchema.safeParse(req.body ?? {});
      if (!file) {
        const multipart = req.is('multipart/form-data');
        throw new HttpError(
          400,
          'MISSING_FILE',
          multipart
            ? 'No file was sent: attach the essay (.docx) in the form field "file".'
            : 'Send a multipart/form-data form with the essay (.docx) in the field "file" and the vacancy reference in "vacancy".',
        );
      }
      if (!fields.success) throw new HttpError(400, 'MISSING_FIELD', describeZodError(fields.error));
      const vacancy = findVacancy(fields.data.vacancy, deps.vacancies);
      if (!vacancy) {
        throw new HttpError(
          400,
          'UNKNOWN_VACANCY',
          `Unknown vacancy "${fields.data.vacancy}". Known references: ${deps.vacancies.map((v) => v.reference).join(', ')}.`,
        );
      }
      if (!canUpload(principal, vacancy.reference)) {
        throw new HttpError(403, 'FORBIDDEN', `This token may not upload essays for vacancy ${vacancy.reference}.`);
      }

      const bytes = new Uint8Array(file.buffer.buffer, file.buffer.byteOffset, file.buffer.byteLength);
      const filename = file.originalname;
      const hash = rulesHash(vacancy);
      // The main thread only hashes; reading the document is the workers' job (screen.ts is not loaded here).
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const earlier = await deps.store.findBySha(sha256, vacancy.reference, hash);
      let screening: StoredScreening | undefined = earlier;
      let duplicate = Boolean(earlier);
      if (!earlier) {
        // Tracked so a shutdown waits for the screening and its save, not only the response.
        const saved = await deps.inFlight.track(
          (async () => {
            const screened = await deps.screener.runWithText({ bytes, filename }, vacancy);
            const { paragraphs } = screened;
            return deps.duplicates.serial(vacancy.reference, async () => {
              const report = await deps.duplicates.check(vacancy, screened.report, paragraphs);
              const fresh: StoredScreening = {
                id: randomUUID(),
                sha256: report.sha256,
                vacancy: vacancy.reference,
                rulesHash: hash,
                filename,
                uploader: principal.name,
                createdAt: new Date().toISOString(),
                size: bytes.byteLength,
                status: report.status,
                report,
              };
              const id = await deps.store.saveScreening({
                id: fresh.id,
                report,
                bytes,
                filename,
                vacancy: vacancy.reference,
                uploader: principal.name,
                rulesHash: hash,
                text: paragraphs ? joinParagraphs(paragraphs) : undefined,
                createdAt: new Date(fresh.createdAt),
              });
              await deps.duplicates.remember(vacancy, id, report, paragraphs);
              return { id, fresh };
            });
          })(),
        );
        if (saved.id === saved.fresh.id) {
          // Our own new row: it holds exactly what was just saved, so it is not read back.
          screening = saved.fresh;
          duplicate = false;
        } else {
          // The same bytes were saved by another upload first (its screening is the answer), or an
          // earlier transient failure was replaced by this result.
          screening = await deps.store.getScreening(saved.id);
          duplicate =
            screening !== undefined && JSON.stringify(screening.report) !== JSON.stringify(saved.fresh.report);
        }
      }
      if (!screening) throw new Error('the screening was saved but cannot be read back');
      req.log.info(
        {
          screening: screening.id,
          vacancy: vacancy.reference,
          status: screening.status,
          duplicate,
          ms: screening.report.elapsedMs,
        },
        'screened',
      );
      res.setHeader('Location', `/api/screenings/${screening.id}`);
      res.status(screening.status === 'rejected' ? 422 : 201).json(toResponse(screening, duplicate));
    }),
  );

  router.get(
    '/screenings',
    route(async (req, res) => {
      const principal = requirePrincipal(req, ['panel', 'admin']);
      const parsed = ListQuerySchema.safeParse(withoutEmpty(req.query));
      if (!parsed.success) throw new HttpError(400, 'BAD_QUERY', describeZodError(parsed.error));
      const query = parsed.data;
      let vacancies: string[] | undefined;
      if (query.vacancy) {
        const vacancy = findVacancy(query.vacancy, deps.vacancies);
        // A vacancy no longer configured may still have screenings kept under its reference.
        const reference = vacancy?.reference ?? query.vacancy;
        if (!canRead(principal, reference)) {
          throw new HttpError(403, 'FORBIDDEN', `This token may not read vacancy ${reference}.`);
        }
        vacancies = [reference];
      } else if (principal.vacancies) {
        vacancies = principal.vacancies;
      }
      const result = await deps.store.listScreenings({
        vacancy: vacancies,
        status: query.status,
        ai: query.ai,
        reviewed: query.reviewed === undefined ? undefined : query.reviewed === 'true',
        page: query.page,
        pageSize: query.pageSize,
        sort: query.sort,
        direction: query.direction,
      });
      res.json({
        items: result.items.map((s) => toResponse(s)),
        page: result.page,
        pageSize: result.pageSize,
        total: result.total,
      });
    }),
  );

  router.get(
    '/screenings/:id',
    route(async (req, res) => {
      const principal = requirePrincipal(req, ['panel', 'admin']);
      res.json(toResponse(await readableScreening(deps, principal, String(req.params.id))));
    }),
  );

  router.get(
    '/screenings/:id/file',
    route(async (req, res) => {
      const principal = requirePrincipal(req, ['panel', 'admin']);
      const screening = await readableScreening(deps, principal, String(req.params.id));
      const file = await deps.store.getFile(screening.id);
      if (!file) throw new HttpError(404, 'NOT_FOUND', `The file of screening "${screening.id}" is no longer kept.`);
      res.setHeader('Content-Type', DOCX_TYPE);
      res.setHeader('Content-Disposition', attachment(file.filename));
      res.setHeader('Cache-Control', 'private, no-store');
      res.send(file.bytes);
    }),
  );

  router.post(
    '/screenings/:id/review',
    json({ limit: '16kb' }),
    route(async (req, res) => {
      const principal = requirePrincipal(req, ['panel', 'admin']);
      const screening = await readableScreening(deps, principal, String(req.params.id));
      const body = ReviewBodySchema.safeParse(req.body ?? {});
      if (!body.success) throw new HttpError(400, 'BAD_BODY', describeZodError(body.error));
      const updated = await deps.store.markReviewed(screening.id, {
        reviewer: reviewerName(principal, body.data.reviewer),
        note: body.data.note,
      });
      if (!updated) throw new HttpError(404, 'NOT_FOUND', `There is no screening with id "${screening.id}".`);
      req.log.info({ screening: screening.id, reviewer: updated.review?.reviewer }, 'reviewed');
      res.json(toResponse(updated));
    }),
  );

  router.delete(
    '/screenings/:id',
    route(async (req, res) => {
      const principal = requirePrincipal(req, ['admin']);
      const id = String(req.params.id);
      if (!(await deps.store.deleteScreening(id))) {
        return sendError(res, 404, 'NOT_FOUND', `There is no screening with id "${id}".`);
      }
      deps.duplicates.forget(id);
      req.log.info({ screening: id, by: principal.name }, 'deleted');
      res.status(204).end();
    }),
  );

  return router;
}
