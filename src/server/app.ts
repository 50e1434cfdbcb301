/**
 * The Express application: the JSON API (contract "HTTP service"), the panel's queue pages, health
 * and OpenAPI. Everything it needs comes in through AppDeps, so tests build it on a temp store.
 */
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import multer from 'multer';
import { type Logger, pino } from 'pino';
import type { BodyParagraph } from '../checks/duplicates/collect.js';
import type { Report } from '../report/schema.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { ScreenSettings } from '../screen.js';
import type { Store } from '../store/index.js';
import { apiRouter } from './api.js';
import { DuplicateChecker } from './duplicates.js';
import { readCookie, sendError } from './http.js';
import { InFlight } from './inflight.js';
import { queueRouter, renderErrorPage } from './queue.js';
import { openApiDocument } from './schemas.js';
import { authenticate, type Principal, type TokenEntry } from './tokens.js';

/** What runs a screening off the event loop: the worker pool (src/pool) or, in tests, anything alike. */
export interface Screener {
  runWithText(
    input: { bytes: Uint8Array; filename: string },
    vacancy: Vacancy,
    settings?: ScreenSettings,
  ): Promise<{ report: Report; paragraphs?: BodyParagraph[] }>;
  /**
   * Each rule's id → description, for the queue pages. The pool answers from its workers, so the
   * main thread never loads the checks; without it the pages load them here.
   */
  checkDescriptions?(): Promise<ReadonlyMap<string, string>>;
}

export interface AppDeps {
  store: Store;
  screener: Screener;
  vacancies: Vacancy[];
  /** Configured access tokens; none means local mode (every request is the local user, admin). */
  tokens?: TokenEntry[];
  logger?: Logger;
  /** Largest upload in bytes (413 above). Default: the intake limit (rules/intake.yaml). */
  maxUploadBytes: number;
  /** Requests per minute per client (token, or address when unauthenticated). */
  rateLimitPerMinute?: number;
  version?: string;
  /** Tracks screenings under way; startServer drains it on shutdown. */
  inFlight?: InFlight;
  /** Renders the essay's HTML for the detail page (default: src/document/html.ts). */
  renderEssay?: (bytes: Uint8Array) => Promise<string>;
  /** Retention in days, shown on the pages (the purge itself runs in startServer). */
  retentionDays?: number;
  /**
   * Express's "trust proxy" (e.g. 'loopback' or 1) when a reverse proxy terminates TLS in front of
   * the service, so rate limits and logs see the client's address. Default: trust none.
   */
  trustProxy?: boolean | number | string;
  /** The near-duplicate comparison with kept essays (default: one over `store`). */
  duplicates?: DuplicateChecker;
}

export const TOKEN_COOKIE = 'essay_screen_token';
/** Generous for a portal uploading a batch and for a panel paging through a queue. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

const LOCAL_PRINCIPAL: Principal = { name: 'local', role: 'admin', local: true };

/** Accepts a caller's X-Request-Id only when it looks like an id (it ends up in the logs). */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function createApp(deps: AppDeps): express.Application {
  const logger = deps.logger ?? pino({ level: 'silent' });
  const tokens = deps.tokens ?? [];
  const inFlight = deps.inFlight ?? new InFlight();
  const duplicates = deps.duplicates ?? new DuplicateChecker(deps.store);
  const app = express();
  app.locals.inFlight = inFlight;
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);

  // Request ids and one structured log line per request.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.get('x-request-id');
    req.id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    req.log = logger.child({ reqId: req.id });
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          who: req.principal?.name,
        },
        'request',
      );
    });
    next();
  });

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The service may run on plain http on a LAN: do not make browsers upgrade to https.
          upgradeInsecureRequests: null,
          // Essays carry their pictures inline as data: URIs (mammoth).
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
        },
      },
      // HSTS only makes sense behind TLS, which a proxy in front of the service provides.
      strictTransportSecurity: false,
    }),
  );

  app.get('/healthz', async (req, res) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ok', database: deps.store.kind, inFlight: inFlight.size });
    } catch (error) {
      req.log.error({ err: error }, 'health check: the database does not answer');
      res.status(503).json({ status: 'unavailable', database: deps.store.kind, error: 'the database does not answer' });
    }
  });

  // Who is asking: a bearer token, or the cookie the login form sets for browsers.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (tokens.length === 0) {
      req.principal = LOCAL_PRINCIPAL;
      return next();
    }
    const header = req.get('authorization');
    const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    const token = bearer ?? readCookie(req, TOKEN_COOKIE);
    req.principal = token ? authenticate(token, tokens) : undefined;
    next();
  });

  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) =>
        req.principal && !req.principal.local ? `token:${req.principal.name}` : ipKeyGenerator(req.ip ?? ''),
      handler: (req, res) => {
        const message = 'Too many requests: wait a minute and try again.';
        if (req.path.startsWith('/api/')) sendError(res, 429, 'RATE_LIMITED', message);
        else res.status(429).type('text/plain').send(message);
      },
    }),
  );

  // A form posted from another site must not act with this browser's rights (the login cookie is
  // SameSite=Strict already; this also covers local mode, which has no cookie).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const origin = req.get('origin');
    if (origin && origin !== 'null') {
      let host: string | undefined;
      try {
        host = new URL(origin).host;
      } catch {
        host = undefined;
      }
      if (host !== req.get('host'))
        return sendError(res, 403, 'CROSS_SITE', 'Requests from other sites are not accepted.');
    }
    next();
  });

  app.get('/api/openapi.json', (req, res) => {
    if (!req.principal)
      return sendError(res, 401, 'UNAUTHENTICATED', 'Send an access token: "Authorization: Bearer TOKEN".');
    res.json(openApiDocument(deps.version ?? '0'));
  });

  const upload = multer({
    storage: multer.memoryStorage(),
    // Browsers and curl send UTF-8 file names without saying so.
    defParamCharset: 'utf8',
    limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 8, fieldSize: 4096, parts: 10, headerPairs: 100 },
  });

  app.use('/api', apiRouter({ ...deps, inFlight, upload, duplicates }));
  app.use(queueRouter({ ...deps, inFlight }));

  app.use('/api', (_req, res) => sendError(res, 404, 'NOT_FOUND', 'No such API route; see /api/openapi.json.'));
  app.use((req, res) => renderErrorPage(req, res, 404, 'Page not found', 'There is no page at this address.'));

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    if (res.headersSent) {
      req.log.error({ err: error }, 'error after the response started');
      res.end();
      return;
    }
    if (error instanceof multer.MulterError) {
      const mapped = multerError(error, deps.maxUploadBytes);
      return sendError(res, mapped.status, mapped.code, mapped.message);
    }
    // busboy's errors for a broken multipart body carry no status: they are the client's fault.
    const brokenForm =
      /Unexpected end of form|Malformed part header|Multipart: Boundary not found|Malformed urlencoded form/i.test(
        String(error?.message),
      );
    const status =
      typeof error?.status === 'number' && error.status >= 400 && error.status < 500
        ? error.status
        : brokenForm
          ? 400
          : 500;
    if (status < 500) {
      const message =
        error?.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : error?.type === 'entity.too.large'
            ? 'The request body is too large.'
            : brokenForm
              ? 'The upload is not a complete multipart/form-data form; send the file in the field "file" and the vacancy in "vacancy".'
              : String(error?.message ?? 'Bad request');
      const code = error?.type === 'entity.too.large' ? 'TOO_LARGE' : 'BAD_REQUEST';
      if (req.path.startsWith('/api/')) return sendError(res, status, code, message);
      return renderErrorPage(req, res, status, 'Bad request', message);
    }
    req.log.error({ err: error }, 'unexpected error');
    const message = `Something went wrong on our side (request id ${req.id}). Please try again; if it persists, tell the HR support team this id.`;
    if (req.path.startsWith('/api/')) return sendError(res, 500, 'INTERNAL', message);
    return renderErrorPage(req, res, 500, 'Something went wrong', message);
  };
  app.use(onError);
  return app;
}

function multerError(error: multer.MulterError, maxBytes: number): { status: number; code: string; message: string } {
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return {
        status: 413,
        code: 'TOO_LARGE',
        message: `The file is larger than the ${Math.round((maxBytes / 1048576) * 10) / 10} MB limit. An essay in Word is far smaller: please remove large pictures or save it again as .docx.`,
      };
    case 'LIMIT_FILE_COUNT':
      return {
        status: 400,
        code: 'TOO_MANY_FILES',
        message: 'Send exactly one file per request, in the form field "file".',
      };
    case 'LIMIT_UNEXPECTED_FILE':
      return {
        status: 400,
        code: 'UNEXPECTED_FILE',
        message: `A file was sent in the field "${error.field ?? '?'}"; send the essay in the form field "file".`,
      };
    default:
      return {
        status: 400,
        code: 'BAD_FORM',
        message: `The form has too many or too large fields (${error.code}); send only "file" and "vacancy".`,
      };
  }
}
