import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app-deps.js';
import { auditActor } from '../../content/index.js';
import { AppError, invalid } from '../../lib/errors.js';
import {
  getMediaItem,
  imageFetcher,
  MAX_ALT_LENGTH,
  MAX_IMAGE_BYTES,
  type MediaItem,
  mediaSitePath,
  type MediaStorage,
  srcsetFor,
  uploadImage,
} from '../../media/index.js';
import { getSiteSettings } from '../../site/index.js';
import { assertTextField } from '../../http/text-input-guard.js';
import { adminRead, adminWrite, BODY_ERRORS, errorResponses, ref } from '../../http/api-schemas.js';
import { idParams } from '../../http/route-schemas.js';
import { requireStaff, staffActor } from '../staff-auth.js';

/** An image as the API answers it (components: Media). */
export const mediaSchema = {
  $id: 'Media',
  type: 'object',
  required: ['id', 'url', 'width', 'height', 'contentType', 'alt', 'variants', 'srcset', 'body'],
  properties: {
    id: { type: 'integer' },
    url: { type: 'string', description: 'The stored original, cleaned of metadata' },
    width: { type: 'integer' },
    height: { type: 'integer', description: 'Of one frame for an animated GIF or WebP' },
    contentType: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] },
    alt: { type: 'string' },
    variants: {
      type: 'array',
      description: 'WebP copies, narrowest first',
      items: { type: 'object', required: ['width', 'url'], properties: { width: { type: 'integer' }, url: { type: 'string' } } },
    },
    srcset: { type: 'string', description: 'For <img srcset>; empty when there are no variants' },
    body: {
      type: 'object',
      description: 'src and srcset for an image in an article body: site paths under /media/, whatever the storage, since bodies take no image from another host',
      required: ['src', 'srcset'],
      properties: { src: { type: 'string' }, srcset: { type: 'string' } },
    },
  },
} as const;

export function mediaJson(item: MediaItem, storage: MediaStorage) {
  return {
    id: item.id,
    url: storage.urlFor(item.storageKey),
    width: item.width,
    height: item.height,
    contentType: item.contentType,
    alt: item.altText,
    variants: item.variants.map((v) => ({ width: v.width, url: storage.urlFor(v.key) })),
    srcset: srcsetFor(item, storage),
    body: { src: mediaSitePath(item.storageKey), srcset: srcsetFor(item, { urlFor: mediaSitePath }) },
  };
}

/**
 * The upload form, for the OpenAPI document only: the handler reads the parts
 * as a stream (readUploadForm), so Fastify must not validate a body it never parses.
 */
const uploadFormSchema = {
  type: 'object',
  required: ['file', 'alt'],
  properties: {
    file: { type: 'string', format: 'binary', description: `JPEG, PNG, WebP or GIF, at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB, checked by content` },
    alt: { type: 'string', maxLength: MAX_ALT_LENGTH, description: 'What the image shows, for readers who cannot see it' },
    watermark: { type: 'string', enum: ['on', 'off'], default: 'on', description: "off: no site watermark (logos, QR codes, the watermark itself)" },
  },
} as const;

interface UploadForm {
  file: Buffer | undefined;
  /** As the uploader's computer named it. */
  fileName: string;
  alt: string;
  /** False when the editor asked for no mark: a logo, a QR code, or the watermark image itself. */
  watermark: boolean;
}

/**
 * Multipart errors come from the parser, not from bendi: a too-large file is
 * told as such, anything else about the form's shape (a second file, a
 * malformed body, not multipart at all) as a bad request, never a 500.
 */
function formError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return invalid('media.too_large', { maxBytes: MAX_IMAGE_BYTES });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return invalid('media.file_required');
  return invalid('request.invalid');
}

/** Reads the whole form; the parser's limits bound the file to MAX_IMAGE_BYTES and the form to one file. */
async function readUploadForm(request: FastifyRequest): Promise<UploadForm> {
  const form: UploadForm = { file: undefined, fileName: '', alt: '', watermark: true };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') assertTextField(part.fieldname, part.value);
      if (part.type === 'file') {
        if (part.fieldname === 'file') {
          assertTextField('file', part.filename);
          form.file = await part.toBuffer();
          form.fileName = part.filename;
        } else part.file.resume();
      } else if (part.fieldname === 'alt' && typeof part.value === 'string') {
        form.alt = part.value;
      } else if (part.fieldname === 'watermark') {
        form.watermark = part.value !== 'off';
      }
    }
  } catch (error) {
    throw formError(error);
  }
  return form;
}

/**
 * The newsroom's image API. Cookie-signed-in editors send the CSRF token in
 * the x-csrf-token header: the staff-auth hook runs before the form is parsed.
 * Registers @fastify/multipart in its own scope, so no other route accepts
 * uploads.
 */
export function registerMediaApi(app: FastifyInstance, deps: AppDeps): void {
  app.register(async (scope) => {
    await scope.register(multipart, {
      // Alt text is at most 200 characters; bigger fields, or many of them, are not our form.
      limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, fieldSize: 4096 },
    });

    scope.post(
      '/api/admin/media',
      {
        onRequest: requireStaff('media.upload'),
        config: { swaggerTransform: ({ schema, url }) => ({ schema: { ...schema, body: uploadFormSchema }, url }) },
        schema: {
          tags: ['media'],
          summary: '上传图片 / Upload an image',
          description:
            `multipart/form-data: \`file\` (JPEG, PNG, WebP or GIF, at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB, checked by content), ` +
            `\`alt\` (required, at most ${MAX_ALT_LENGTH} characters), ` +
            "optional `watermark=off` to skip the site's watermark. EXIF and GPS data are removed; WebP variants are made for srcset.",
          operationId: 'uploadMedia',
          security: adminWrite,
          consumes: ['multipart/form-data'],
          response: { 201: ref('Media'), ...errorResponses(400, 401, 403, 413, 415, 503) },
        },
      },
      async (request, reply) => {
        const form = await readUploadForm(request);
        if (!form.file) throw invalid('media.file_required');
        const item = await uploadImage(
          deps,
          {
            data: form.file,
            altText: form.alt,
            fileName: form.fileName,
            watermark: form.watermark ? await getSiteSettings(deps.db) : undefined,
            actor: auditActor(staffActor(request)),
          },
          deps.clock(),
        );
        return reply.code(201).header('location', `/api/admin/media/${item.id}`).send(mediaJson(item, deps.storage));
      },
    );

    const fetchImage = deps.fetchImage ?? imageFetcher();
    scope.post<{ Body: { url: string; alt: string } }>(
      '/api/admin/media/fetch',
      {
        onRequest: requireStaff('media.upload'),
        schema: {
          tags: ['media'],
          summary: '下载远程图片 / Fetch an image from another site into the media store',
          description:
            'For reprints: the image of a pasted article (WeChat refuses hotlinking) is downloaded and stored as an upload is, ' +
            `with the same checks (at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB, JPEG, PNG, WebP or GIF by content, pixel limits). ` +
            'http(s) only; an address that is or redirects to this machine or a private, link-local or metadata network is refused; ' +
            'the download has a time limit.',
          operationId: 'fetchMedia',
          security: adminWrite,
          body: {
            type: 'object',
            required: ['url', 'alt'],
            additionalProperties: false,
            properties: {
              url: { type: 'string', minLength: 1, maxLength: 4096, description: 'http or https address of the image' },
              alt: { type: 'string', maxLength: MAX_ALT_LENGTH, description: 'What the image shows, for readers who cannot see it' },
            },
          },
          response: { 201: ref('Media'), ...errorResponses(...BODY_ERRORS, 401, 403, 503) },
        },
      },
      async (request, reply) => {
        const data = await fetchImage(request.body.url);
        const item = await uploadImage(
          deps,
          // No site watermark: the picture is another publisher's, reprinted with its credit.
          { data, altText: request.body.alt, actor: auditActor(staffActor(request)) },
          deps.clock(),
        );
        return reply.code(201).header('location', `/api/admin/media/${item.id}`).send(mediaJson(item, deps.storage));
      },
    );

    scope.get<{ Params: { id: number } }>(
      '/api/admin/media/:id',
      {
        onRequest: requireStaff('article.view'),
        schema: {
          tags: ['media'],
          summary: '查看图片 / Get an image',
          operationId: 'getMedia',
          security: adminRead,
          params: idParams,
          response: { 200: ref('Media'), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => mediaJson(await getMediaItem(deps.db, request.params.id), deps.storage),
    );
  });
}
