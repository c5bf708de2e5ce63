import { randomBytes } from 'node:crypto';
import type { StaffRole, StaffUser } from '../accounts/index.js';
import { hashPassword, insertStaffUser } from '../accounts/index.js';
import type { AppDeps } from '../app-deps.js';
import { type Category, createArticle, insertCategory } from '../content/index.js';
import { insertStoredImage, type MediaItem, storeImageFiles } from '../media/index.js';
import { saveSiteSettings } from '../site/index.js';
import { demoContent } from './demo-content.js';
import type { DemoArticle, DemoContent, DemoImageSpec } from './demo-content.types.js';
import { demoSiteImages, renderDemoImage } from './demo-images.js';

const HOUR_MS = 3_600_000;

/** True when the database holds no content yet: the demo is only ever created on an empty site. */
export async function isSiteEmpty(deps: Pick<AppDeps, 'db'>): Promise<boolean> {
  const [article, category] = await Promise.all([
    deps.db.selectFrom('articles').select('id').limit(1).executeTakeFirst(),
    deps.db.selectFrom('categories').select('id').limit(1).executeTakeFirst(),
  ]);
  return !article && !category;
}

/** A demo account's password, generated when the demo is created and never stored in the clear. */
export interface DemoSignIn {
  username: string;
  role: StaffRole;
  password: string;
}

/**
 * Creates the demo portal: settings, staff, categories and articles, with
 * pictures drawn and encoded locally. Counts start at zero, as on any new
 * site: they are counted, never seeded. Each staff account gets a random
 * password, returned so the caller can show it once; a fixed demo password
 * would open every demo left running on a public address.
 *
 * The rows go in one transaction: a start interrupted midway leaves an empty
 * site, so the next start seeds again and shows the passwords, instead of
 * finding half a demo whose passwords nobody saw. The slow work (drawing and
 * encoding pictures, hashing passwords) is done before it, which leaves at
 * most picture files without rows behind, deleted when their upload expires
 * (expireUploads).
 */
export async function seedDemo(
  deps: Pick<AppDeps, 'db' | 'storage' | 'clock'>,
  content: DemoContent = demoContent,
): Promise<{ articles: number; signIns: DemoSignIn[] }> {
  const now = deps.clock();
  const storeDemoImage = async (spec: DemoImageSpec, width?: number, height?: number) =>
    storeImageFiles(deps, { data: await renderDemoImage(spec, width, height), altText: spec.alt }, now);

  const siteImages = await Promise.all(
    demoSiteImages.map((spec) => (spec.scene === 'qr-badge' ? storeDemoImage(spec, 300, 300) : storeDemoImage(spec, 96, 96))),
  );
  const articleImages: ArticleImages[] = [];
  for (const article of content.articles) {
    const lead = await storeDemoImage(article.leadImage);
    const inline: ArticleImages['inline'] = [];
    for (const spec of article.inlineImages ?? []) inline.push({ spec, stored: await storeDemoImage(spec) });
    articleImages.push({ lead, inline });
  }
  const signIns: DemoSignIn[] = [];
  const passwordHashes: string[] = [];
  for (const member of content.staff) {
    const password = randomBytes(12).toString('base64url');
    passwordHashes.push(await hashPassword(password));
    signIns.push({ username: member.username, role: member.role, password });
  }

  await deps.db.transaction().execute(async (trx) => {
    const siteMedia: MediaItem[] = [];
    for (const image of siteImages) siteMedia.push(await insertStoredImage(trx, image, now));
    const [wechatQr, serviceQr, logo] = siteMedia;
    await saveSiteSettings(
      trx,
      {
        ...content.settings,
        logoMediaId: logo?.id ?? null,
        wechatOfficialAccountQrMediaId: wechatQr?.id ?? null,
        wechatServiceQrMediaId: serviceQr?.id ?? null,
        articleQrMediaId: wechatQr?.id ?? null,
      },
      now,
    );

    const staff = new Map<string, StaffUser>();
    for (const [i, member] of content.staff.entries()) {
      staff.set(member.username, await insertStaffUser(trx, { ...member, passwordHash: passwordHashes[i]! }, now));
    }

    const categories = new Map<string, Category>();
    for (const [position, c] of content.categories.entries()) {
      const parentId = c.parentSlug ? (categories.get(c.parentSlug)?.id ?? null) : null;
      categories.set(c.slug, await insertCategory(trx, { slug: c.slug, name: c.name, parentId, position }, now));
    }

    for (const [i, article] of content.articles.entries()) {
      await seedArticle({ db: trx, storage: deps.storage }, article, articleImages[i]!, { staff, categories, now });
    }
  });
  return { articles: content.articles.length, signIns };
}

/** An article's pictures, already written to storage, waiting for their rows. */
interface ArticleImages {
  lead: Omit<MediaItem, 'id'>;
  inline: Array<{ spec: DemoImageSpec; stored: Omit<MediaItem, 'id'> }>;
}

async function seedArticle(
  deps: Pick<AppDeps, 'db' | 'storage'>,
  demo: DemoArticle,
  images: ArticleImages,
  context: {
    staff: Map<string, StaffUser>;
    categories: Map<string, Category>;
    now: Date;
  },
): Promise<void> {
  const category = context.categories.get(demo.categorySlug);
  const publisher = context.staff.get(demo.publisher);
  if (!category || !publisher) throw new Error(`demo article ${demo.key}: unknown category or publisher`);
  const lead = await insertStoredImage(deps.db, images.lead, context.now);
  let bodyHtml = demo.bodyHtml;
  for (const { spec, stored } of images.inline) {
    const image = await insertStoredImage(deps.db, stored, context.now);
    bodyHtml = bodyHtml.replace(
      `<img data-demo-image="${spec.key}">`,
      `<img src="${deps.storage.urlFor(image.storageKey)}" alt="${spec.alt}" width="${image.width}" height="${image.height}">`,
    );
  }
  await createArticle(
    deps.db,
    {
      categoryId: category.id,
      title: demo.title,
      summary: demo.summary,
      leadImage: { mediaId: lead.id, alt: demo.leadImage.alt },
      editorNote: demo.editorNote,
      bodyHtml,
      credits: demo.credits,
      origin: demo.origin,
      sourceName: demo.sourceName,
      sourceUrl: demo.sourceUrl,
      originalTitle: demo.originalTitle,
      originalAuthor: demo.originalAuthor,
      responsibleEditor: demo.responsibleEditor,
      author: demo.author,
      status: demo.status ?? 'published',
      publishedAt: new Date(context.now.getTime() - demo.publishedHoursAgo * HOUR_MS),
      publisher: { id: publisher.id, ip: demo.publisherIp },
      flags: { headline: demo.headline, recommended: demo.recommended, pinned: demo.pinned },
      tags: demo.tags,
    },
    context.now,
  );
}
