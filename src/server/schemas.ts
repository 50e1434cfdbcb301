/**
 * The zod schemas that validate the service's requests, and the OpenAPI document generated from
 * them (GET /api/openapi.json), so the document can never drift from what the service accepts.
 */
import { z } from 'zod';
import { ReportSchema } from '../report/schema.js';

export const STATUSES = ['pass', 'review', 'fail', 'rejected'] as const;
export const AI_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export const SORT_KEYS = ['created', 'filename', 'status', 'pages', 'ai', 'reviewed'] as const;

export const UploadFieldsSchema = z.object({
  vacancy: z
    .string({ error: 'the form field "vacancy" is required: the vacancy reference or an alias, e.g. 250875' })
    .trim()
    .min(1, 'the form field "vacancy" is empty: give the vacancy reference or an alias, e.g. 250875')
    .max(100)
    .meta({ description: 'Vacancy reference or alias, e.g. 250875 or PASP0109' }),
});

export const ListQuerySchema = z.object({
  vacancy: z.string().trim().min(1).max(100).optional().meta({ description: 'Vacancy reference or alias' }),
  status: z.enum(STATUSES).optional(),
  ai: z.enum(AI_LEVELS).optional().meta({ description: 'AI-signal level' }),
  reviewed: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Only reviewed (true) or not yet reviewed (false)' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(SORT_KEYS).default('created'),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type ListQueryInput = z.output<typeof ListQuerySchema>;

export const ReviewBodySchema = z.object({
  reviewer: z
    .string()
    .trim()
    .min(1, "give the reviewer's name")
    .max(100)
    .optional()
    .meta({ description: "Who reviewed it; with access tokens, the token's name is used" }),
  note: z.string().max(4000, 'the note is limited to 4000 characters').default(''),
});

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Machine-readable code, e.g. MISSING_FILE, UNKNOWN_VACANCY, TOO_LARGE' }),
    message: z.string().meta({ description: 'What went wrong and what to do, in plain English' }),
  }),
});

export const ReviewMarkSchema = z.object({ reviewer: z.string(), note: z.string(), at: z.string() });

export const ScreeningMetaSchema = z.object({
  createdAt: z.string().meta({ description: 'When it was screened (ISO 8601, UTC)' }),
  uploader: z.string(),
  /** True when these bytes had already been screened for this vacancy under the same rules. */
  duplicate: z.boolean().optional(),
  review: ReviewMarkSchema.optional(),
  links: z.object({ self: z.string(), file: z.string(), queue: z.string() }),
});

/** A screening as the API returns it: the contract's report, its id, and the screening's metadata. */
export const ScreeningResponseSchema = ReportSchema.extend({
  id: z.string(),
  screening: ScreeningMetaSchema,
});

export const ListResponseSchema = z.object({
  items: z.array(ScreeningResponseSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  const objectSchema = jsonSchema(schema, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(objectSchema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: objectSchema.required?.includes(name) ?? false,
    schema: property,
    ...(property.description ? { description: property.description } : {}),
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** OpenAPI 3.1 (whose schema dialect is JSON Schema 2020-12, what z.toJSONSchema emits). */
export function openApiDocument(version: string): JsonSchema {
  const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const screening = { 'application/json': { schema: { $ref: '#/components/schemas/Screening' } } };
  const uploadSchema = jsonSchema(UploadFieldsSchema, 'input') as {
    properties: Record<string, JsonSchema>;
    required: string[];
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'essay-screen',
      version,
      description:
        'Screens "Key challenges" essays (.docx) for the page limit, file name, challenge coverage, formatting tricks and signals of generative-AI use. ' +
        'With access tokens configured, send "Authorization: Bearer TOKEN" on every request but /healthz.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Screening: jsonSchema(ScreeningResponseSchema),
        ScreeningList: jsonSchema(ListResponseSchema),
        Error: jsonSchema(ErrorSchema),
        ReviewMark: jsonSchema(ReviewMarkSchema),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/screenings': {
        post: {
          summary: 'Screen one essay',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file', ...uploadSchema.required],
                  properties: {
                    file: {
                      type: 'string',
                      contentMediaType: 'application/octet-stream',
                      description: 'The essay (.docx); one file',
                    },
                    ...uploadSchema.properties,
                  },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'Screened (or screened before: screening.duplicate is true); the report and its id',
              content: screening,
            },
            '422': {
              description:
                'The file could not be screened (status "rejected", error.code says why); the report and its id',
              content: screening,
            },
            '400': errorResponse('A missing field, an unknown vacancy or a malformed form'),
            '401': errorResponse('No valid access token'),
            '403': errorResponse('The token may not upload for this vacancy'),
            '413': errorResponse('The file is larger than the upload limit'),
            '429': errorResponse('Too many requests'),
          },
        },
        get: {
          summary: 'A page of screenings',
          parameters: queryParameters(ListQuerySchema),
          responses: {
            '200': {
              description: 'The page',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ScreeningList' } } },
            },
            '400': errorResponse('An invalid query parameter'),
            '403': errorResponse('The token may not read this vacancy'),
          },
        },
      },
      '/api/screenings/{id}': {
        get: {
          summary: 'One stored screening',
          parameters: [idParameter],
          responses: {
            '200': { description: 'The report', content: screening },
            '404': errorResponse('No such screening'),
          },
        },
        delete: {
          summary: 'Delete a screening and its file (admin)',
          parameters: [idParameter],
          responses: {
            '204': { description: 'Deleted' },
            '403': errorResponse('Not an admin token'),
            '404': errorResponse('No such screening'),
          },
        },
      },
      '/api/screenings/{id}/file': {
        get: {
          summary: 'The original file',
          parameters: [idParameter],
          responses: {
            '200': {
              description: 'The bytes as uploaded',
              content: {
                'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
                  schema: { type: 'string', contentMediaType: 'application/octet-stream' },
                },
              },
            },
            '404': errorResponse('No such screening'),
          },
        },
      },
      '/api/screenings/{id}/review': {
        post: {
          summary: 'Mark a screening reviewed (panel, admin)',
          parameters: [idParameter],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(ReviewBodySchema, 'input') } },
          },
          responses: {
            '200': { description: 'The screening with its review mark', content: screening },
            '400': errorResponse('Invalid body'),
            '404': errorResponse('No such screening'),
          },
        },
      },
      '/queue': {
        get: {
          summary: "The panel's pre-reading queue (HTML)",
          parameters: queryParameters(ListQuerySchema),
          responses: { '200': { description: 'An HTML page', content: { 'text/html': {} } } },
        },
      },
      '/healthz': {
        get: {
          summary: 'Health: 200 when the service and its database answer',
          security: [],
          responses: { '200': { description: 'Healthy' }, '503': { description: 'The database does not answer' } },
        },
      },
    },
  };
}

/** Turns a zod error into one plain sentence for the API's error message. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${where}${issue.message}`;
    })
    .join('; ');
}
