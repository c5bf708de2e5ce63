import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { recordAudit } from '../../audit/index.js';
import { auditActor } from '../../content/index.js';
import { type ImportJob, ImportJobs } from '../../import/index.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import { assertTextField } from '../../http/text-input-guard.js';
import { imageFetcher } from '../../media/index.js';
import { adminRead, adminWrite, errorResponses } from '../../http/api-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

/** Larger exports are imported on the server with `npx bendi import wordpress`, which needs no upload. */
export const MAX_IMPORT_UPLOAD_BYTES = 1024 * 1024 * 1024;

const countsSchema = { type: 'object', additionalProperties: { type: 'integer' } } as const;
const entriesSchema = {
  type: 'array',
  items: { type: 'object', required: ['item', 'reason'], properties: { item: { type: 'string' }, reason: { type: 'string' } } },
} as const;

const importJobSchema = {
  type: 'object',
  required: ['id', 'fileName', 'startedBy', 'state', 'startedAt', 'progress', 'report', 'failure'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    fileName: { type: 'string' },
    startedBy: { type: 'string', description: 'Display name of the admin who started it' },
    state: { type: 'string', enum: ['uploading', 'running', 'finished', 'failed'] },
    startedAt: { type: 'string', format: 'date-time' },
    progress: {
      type: ['object', 'null'],
      description: 'Bytes of the file read (of totalBytes) and what was imported so far',
      properties: {
        bytes: { type: 'integer' },
        totalBytes: { type: 'integer' },
        items: { type: 'integer' },
        articles: { type: 'integer' },
        comments: { type: 'integer' },
        images: { type: 'integer' },
        problems: { type: 'integer' },
      },
    },
    report: {
      type: ['object', 'null'],
      description: 'Once finished: counts, and each thing not imported (or imported changed, or an image kept as a link) with its reason',
      properties: {
        source: { type: 'string' },
        wxrVersion: { type: 'string' },
        startedAt: { type: 'string' },
        finishedAt: { type: ['string', 'null'] },
        stoppedBy: { type: ['string', 'null'], description: 'Set when the file itself (malformed, truncated, not an export) stopped the import' },
        counts: countsSchema,
        notImported: entriesSchema,
        changed: entriesSchema,
        imagesKeptAsLinks: entriesSchema,
        tags: { type: 'object', properties: { note: { type: 'string' }, names: { type: 'array', items: { type: 'string' } } } },
      },
    },
    failure: { type: ['string', 'null'], description: 'Set when the import itself broke; bad items and bad files are in the report' },
  },
} as const;

const jobParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/**
 * The parser's refusals in the import's words: a file beyond the limit is
 * told to use the command line, anything else about the form's shape is a
 * bad request, never a 500.
 */
function uploadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return invalid('import.file_too_large', { maxMegabytes: MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024 });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return invalid('import.file_required');
  return invalid('request.invalid');
}

/**
 * Streams the form's `file` part to a temporary file, never holding it in
 * memory (an export can be hundreds of megabytes). Returns its path and the
 * name the admin's computer gave it.
 */
async function receiveUpload(request: FastifyRequest, job: ImportJob): Promise<{ file: string; fileName: string }> {
  const file = path.join(os.tmpdir(), `bendi-import-${job.id}.xml`);
  let fileName: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || fileName !== undefined) {
        part.file.resume();
        continue;
      }
      // Kept with the import's report: a NUL would fail PostgreSQL's text, and is no name a person gave.
      assertTextField('file', part.filename);
      fileName = part.filename;
      await pipeline(part.file, createWriteStream(file));
    }
  } catch (error) {
    await rm(file, { force: true });
    throw uploadError(error);
  }
  if (fileName === undefined) throw invalid('import.file_required');
  return { file, fileName };
}

/**
 * WordPress imports from the admin (admins only): the upload is streamed to
 * a temporary file, imported in the background, and its progress and report
 * read by polling. Registers @fastify/multipart in its own scope.
 */
export function registerImportApi(app: FastifyInstance, deps: AppDeps): void {
  const jobs = new ImportJobs();
  app.decorate('importJobs', jobs);
  const fetchImage = deps.fetchImage ?? imageFetcher();

  app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1024 } });

    scope.post(
      '/api/admin/imports/wordpress',
      {
        onRequest: requireStaff('settings.manage'),
        config: {
          swaggerTransform: ({ schema, url }) => ({
            schema: {
              ...schema,
              body: {
                type: 'object',
                required: ['file'],
                properties: { file: { type: 'string', format: 'binary', description: 'The WXR file of WordPress’s Tools → Export' } },
              },
            },
            url,
          }),
        },
        schema: {
          tags: ['import'],
          summary: '导入 WordPress 导出文件 / Import a WordPress export (WXR)',
          description:
            `multipart/form-data: \`file\`, a WordPress export (WXR 1.0–1.2), at most ${MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024} MB ` +
            '(larger ones: `npx bendi import wordpress FILE` on the server). Answers 202 once the file is received; the import runs in the ' +
            'background: poll getImport for its progress and report. One import at a time: another one answers 409. ' +
            'Importing the same export again changes nothing.',
          operationId: 'importWordpress',
          security: adminWrite,
          consumes: ['multipart/form-data'],
          response: { 202: importJobSchema, ...errorResponses(400, 401, 403, 409, 415) },
        },
      },
      async (request, reply) => {
        const job = jobs.claim('', staffActor(request).user.displayName, deps.clock());
        // Until the import starts, anything that fails frees the slot: a job left 'uploading' would refuse every later import.
        try {
          const upload = await receiveUpload(request, job);
          job.fileName = upload.fileName;
          try {
            const screen = await deps.lexicon.screener();
            await recordAudit(
              deps.db,
              { actor: auditActor(staffActor(request)), action: 'import.wordpress', targetType: 'import', targetId: job.id, details: { fileName: upload.fileName } },
              deps.clock(),
            );
            jobs.start(job, { db: deps.db, storage: deps.storage, screen, fetchImage, clock: deps.clock }, upload.file, () => app.pageCache.clear());
          } catch (error) {
            await rm(upload.file, { force: true });
            throw error;
          }
        } catch (error) {
          jobs.release(job);
          throw error;
        }
        return reply.code(202).header('location', `/api/admin/imports/${job.id}`).send(job);
      },
    );
  });

  app.get<{ Params: { id: string } }>(
    '/api/admin/imports/:id',
    {
      onRequest: requireStaff('settings.manage'),
      schema: {
        tags: ['import'],
        summary: '导入进度与报告 / An import’s progress and report',
        operationId: 'getImport',
        security: adminRead,
        params: jobParams,
        response: { 200: importJobSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const job = jobs.find(request.params.id);
      if (!job) throw notFound('import.not_found');
      return job;
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The admin's WordPress imports, for the import page. */
    importJobs: ImportJobs;
  }
}
