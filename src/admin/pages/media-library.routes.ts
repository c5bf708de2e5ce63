import type { FastifyInstance } from 'fastify';
import { can } from '../../accounts/index.js';
import type { AppDeps } from '../../app-deps.js';
import { shownDateTime } from '../../lib/china-time.js';
import { listMediaLibrary, listMediaUses, listUploaders, type MediaLibraryItem, type MediaUse } from '../../media/index.js';
import { imageSettingName } from '../../messages/image-setting-names.js';
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

const l = am.library;

/**
 * Each use as a card lists it: what uses the image, linked to where it is
 * changed when the person may go there, and as what; the site settings
 * that use it make one line.
 */
function useLines(uses: MediaUse[], mayManageSite: boolean): LibraryCard['uses'] {
  const siteLink = (href: string) => (mayManageSite ? { href } : {});
  const settings = uses.flatMap((use) => (use.kind === 'setting' ? [imageSettingName(use.setting)] : []));
  return [
    ...uses.flatMap((use): LibraryCard['uses'] => {
      if (use.kind === 'article') return [{ href: `/admin/articles/${use.articleId}/edit`, label: use.title, places: use.places.map((p) => l.places[p]).join('、') }];
      if (use.kind === 'topic') return [{ href: `/admin/topics/${use.topicId}/edit`, label: l.topicUse(use.title), places: use.places.map((p) => l.topicPlaces[p]).join('、') }];
      if (use.kind === 'ad') return [{ ...siteLink(`/admin/ads/${use.adId}`), label: l.adUse(use.title), places: l.adPlace }];
      return [];
    }),
    ...(settings.length > 0 ? [{ ...siteLink('/admin/settings'), label: l.settingsUse, places: settings.join('、') }] : []),
  ];
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
      adminChrome(deps, request, l.title, 'admin'),
    ]);
    // A few indexed reads per image on the page (24 at most), only for images used at all.
    const uses = await Promise.all(items.map((item) => (item.useCount > 0 ? listMediaUses(deps.db, item.id) : [])));
    const mayDeleteOthers = can(user.role, 'article.review');
    const mayManageSite = can(user.role, 'settings.manage');
    const cards: LibraryCard[] = items.map((item, i) => ({
      id: item.id,
      thumbnail: thumbnail(item, (key) => deps.storage.urlFor(key)),
      alt: item.altText,
      fileName: item.fileName,
      size: l.size(item.width, item.height, Math.ceil(item.byteSize / 1024)),
      uploader: item.uploader ? l.uploadedBy(item.uploader.name) : l.unknownUploader,
      uploadedAt: shownDateTime(item.createdAt),
      uses: useLines(uses[i]!, mayManageSite),
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
