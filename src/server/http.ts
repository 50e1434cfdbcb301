/** Small pieces the API and the queue pages share: errors, request context, response shapes. */
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { StoredScreening } from '../store/index.js';
import type { Principal } from './tokens.js';

declare global {
  // Express's own typings are extended by declaration merging into its namespace.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      id: string;
      log: Logger;
      principal?: Principal;
    }
  }
}

/** An error the API answers with { error: { code, message } } and the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Wraps a route so a thrown HttpError becomes its JSON answer (Express 5 passes other rejections on). */
export const route =
  (handler: (req: Request, res: Response, next: NextFunction) => Promise<unknown> | unknown) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      await handler(req, res, next);
    } catch (error) {
      if (error instanceof HttpError) sendError(res, error.status, error.code, error.message);
      else next(error);
    }
  };

export const screeningLinks = (id: string, vacancy: string) => ({
  self: `/api/screenings/${encodeURIComponent(id)}`,
  file: `/api/screenings/${encodeURIComponent(id)}/file`,
  queue: `/queue/${encodeURIComponent(id)}?vacancy=${encodeURIComponent(vacancy)}`,
});

/** The API's view of a screening: the report's fields, its id, and the screening's metadata. */
export function toResponse(screening: StoredScreening, duplicate?: boolean) {
  return {
    id: screening.id,
    ...screening.report,
    screening: {
      createdAt: screening.createdAt,
      uploader: screening.uploader,
      ...(duplicate === undefined ? {} : { duplicate }),
      ...(screening.review ? { review: screening.review } : {}),
      links: screeningLinks(screening.id, screening.vacancy),
    },
  };
}

/** Reads one cookie from the Cookie header (no cookie-parser dependency for one value). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Content-Disposition for a download, with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** A form submitted with "Any", or a query written as ?vacancy=&status=, sends empty values: treat them as absent. */
export function withoutEmpty(query: Request['query']): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== undefined));
}
