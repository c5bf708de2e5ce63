import { randomBytes } from 'node:crypto';
import type { StaffRole, StaffUser } from '../accounts/index.js';
import { hashPassword, insertStaffUser } from '../accounts/index.js';
import type { AppDeps } from '../app-deps.js';
import { type Category, createArticle, insertCategory } from '../content/index.js';
import { type MediaItem, uploadImage } from '../media/index.js';
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
 */
export async function seedDemo(
  deps: Pick<AppDeps, 'db' | 'storage' | 'clock'>,
  content: DemoContent = demoContent,
): Promise<{ articles: number; signIns: DemoSignIn[] }> {
  const now = deps.clock();
  const saveDemoImage = async (spec: DemoImageSpec, width?: number, height?: number) =>
    uploadImage(deps, { data: await renderDemoImage(spec, width, height), altText: spec.alt }, now);

  const [wechatQr, serviceQr, logo] = await Promise.all(
    demoSiteImages.map((spec) => (spec.scene === 'qr-badge' ? saveDemoImage(spec, 300, 300) : saveDemoImage(spec, 96, 96))),
  );
  await saveSiteSettings(
    deps.db,
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
  const signIns: DemoSignIn[] = [];
  for (const member of content.staff) {
    const password = randomBytes(12).toString('base64url');
    staff.set(member.username, await insertStaffUser(deps.db, { ...member, passwordHash: await hashPassword(password) }, now));
    signIns.push({ username: member.username, role: member.role, password });
  }

  const categories = new Map<string, Category>();
  for (const [position, c] of content.categories.entries()) {
    const parentId = c.parentSlug ? (categories.get(c.parentSlug)?.id ?? null) : null;
    categories.set(c.slug, await insertCategory(deps.db, { slug: c.slug, name: c.name, parentId, position }, now));
  }

  for (const article of content.articles) {
    await seedArticle(deps, article, { staff, categories, saveDemoImage, now });
  }
  return { articles: content.articles.length, signIns };
}

async function seedArticle(
  deps: Pick<AppDeps, 'db' | 'storage'>,
  demo: DemoArticle,
  context: {
    staff: Map<string, StaffUser>;
    categories: Map<string, Category>;
    saveDemoImage: (spec: DemoImageSpec) => Promise<MediaItem>;
    now: Date;
  },
): Promise<void> {
  const category = context.categories.get(demo.categorySlug);
  const publisher = context.staff.get(demo.publisher);
  if (!category || !publisher) throw new Error(`demo article ${demo.key}: unknown category or publisher`);
  const lead = await context.saveDemoImage(demo.leadImage);
  let bodyHtml = demo.bodyHtml;
  for (const spec of demo.inlineImages ?? []) {
    const image = await context.saveDemoImage(spec);
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
    },
    context.now,
  );
}
