import type { FastifyInstance } from 'fastify';
import { can } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { shownDateTime } from '../../lib/china-time.js';
import { listMediaLibrary, listMediaUses, listUploaders, type MediaLibraryItem } from '../../media/index.js';
import { am } from '../views/admin-messages.js';
import { type LibraryCard, MediaLibraryPage } from '../views/media-library.view.js';
import { adminChrome, sendAdminPage, staffPage } from './admin-page.js';
import { pageLinks } from './page-data.js';

const PAGE_SIZE = 24;
/** Cards are about 240 px wide; twice that for sharp screens. */
const THUMBNAIL_WIDTH = 480;
const TYPES = [
  { value: 'image/jpeg', label: 'JPEG' },
  { value: 'image/png', label: 'PNG' },
  { value: 'image/webp', label: 'WebP' },
  { value: 'image/gif', label: 'GIF' },
];
const libraryQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 100 },
    type: { type: 'string', enum: ['', ...TYPES.map((t) => t.value)] },
    uploaderId: { type: 'string', pattern: '^\\d{0,9}$' },
    page: { type: 'string', pattern: '^\\d{0,6}$' },
  },
} as const;
type LibraryQuery = Partial<Record<'q' | 'type' | 'uploaderId' | 'page', string>>;

/** The narrowest variant at least THUMBNAIL_WIDTH wide, else the widest, else the original (images stored before variants existed). */
function thumbnail(item: MediaLibraryItem, urlFor: (key: string) => string): LibraryCard['thumbnail'] {
  const variant = item.variants.find((v) => v.width >= THUMBNAIL_WIDTH) ?? item.variants.at(-1);
  return variant ? { src: urlFor(variant.key), width: variant.width, height: variant.height } : { src: urlFor(item.storageKey), width: item.width, height: item.height };
}

export function registerMediaLibraryPage(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Querystring: LibraryQuery }>('/admin/media', { preHandler: staffPage(deps, 'article.view'), schema: { querystring: libraryQuery } }, async (request, reply) => {
    const user = request.staff!;
    const filters = { q: request.query.q?.trim() ?? '', type: request.query.type ?? '', uploaderId: request.query.uploaderId ?? '' };
    const page = Number(request.query.page) || 1;
    const [{ items, total }, uploaders, chrome] = await Promise.all([
      listMediaLibrary(deps.db, {
        text: filters.q || undefined,
        contentType: filters.type || undefined,
        uploaderId: Number(filters.uploaderId) || undefined,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
      listUploaders(deps.db),
      adminChrome(deps, request, am.library.title, 'admin'),
    ]);
    // One indexed read per image on the page (24 at most), only for images used at all.
    const uses = await Promise.all(items.map((item) => (item.useCount > 0 ? listMediaUses(deps.db, item.id) : [])));
    const mayDeleteOthers = can(user.role, 'article.review');
    const cards: LibraryCard[] = items.map((item, i) => ({
      id: item.id,
      thumbnail: thumbnail(item, (key) => deps.storage.urlFor(key)),
      alt: item.altText,
      fileName: item.fileName,
      size: am.library.size(item.width, item.height, Math.ceil(item.byteSize / 1024)),
      uploader: item.uploader ? am.library.uploadedBy(item.uploader.name) : am.library.unknownUploader,
      uploadedAt: shownDateTime(item.createdAt),
      uses: uses[i]!.map((u) => ({ articleId: u.articleId, title: u.title, places: u.places.map((p) => am.library.places[p]).join('、') })),
      canDelete: can(user.role, 'media.upload') && (mayDeleteOthers || item.uploader?.id === user.id),
    }));
    const view = MediaLibraryPage({
      chrome,
      filters,
      types: TYPES,
      uploaders: uploaders.map((u) => ({ value: String(u.id), label: u.name })),
      cards,
      total,
      pages: pageLinks('/admin/media', filters, page, Math.max(1, Math.ceil(total / PAGE_SIZE))),
      canEdit: can(user.role, 'article.edit'),
    });
    return sendAdminPage(reply, view);
  });
}
