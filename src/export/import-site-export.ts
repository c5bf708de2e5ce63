import { createHash } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findStaffUserByUsername, insertStaffUser, STAFF_ROLES } from '../accounts/index.js';
import { AD_BODY_MAX, AD_SLOTS, AD_TITLE_MAX, AD_WEIGHT_MAX, checkedAdLink } from '../ads/index.js';
import { createArticle, foldTagName, insertCategory, isValidCategorySlug, listCategories, MAX_TAG_CHARS, SanitizedBody } from '../content/index.js';
import { isUniqueViolation } from '../db/constraint-errors.js';
import type { Db } from '../db/database.js';
import { lockRowsInIdOrder } from '../db/dialect.js';
import { findMapped, reasonOf, recordMapped, recordMappedOnce, type ReportEntry } from '../import/index.js';
import type { Clock } from '../lib/clock.js';
import { invalid } from '../lib/errors.js';
import {
  type ChosenKeysClaim,
  claimChosenKeys,
  discardImageFiles,
  IMAGE_FORMATS,
  type ImageFile,
  insertStoredImage,
  isSafeMediaKey,
  type MediaStorage,
  type MediaVariant,
  readImageInfo,
  UPLOAD_UNDER_WAY_MS,
  writeImageFiles,
} from '../media/index.js';
import { isValidTopicSlug, replaceSections, TOPIC_LIMITS, type TopicSection } from '../topics/index.js';
import { EXPORT_FILES, EXPORT_FORMAT, EXPORT_VERSION, type ExportKind, type ExportManifest, MANIFEST_FILE, MEDIA_DIR } from './export-format.js';
import { readRecords } from './read-records.js';
import { RecordFields } from './record-fields.js';

export interface SiteImportReport {
  source: string;
  exportedAt: string;
  counts: Record<ExportKind, number> & { alreadyImported: number };
  /** Records that could not be imported, each with its file, line and reason. */
  notImported: ReportEntry[];
  /** Imported, but not quite as they were (a lead image whose file was missing…). */
  changed: ReportEntry[];
}

/** How far the import has got: `done` records read of the `total` the manifest counts in one file. */
export type OnSiteImportStep = (step: { phase: ExportKind; done: number; total: number }) => void;

const ARTICLE_STATUSES = ['draft', 'pending', 'published', 'rejected', 'withdrawn'] as const;
/**
 * A comment's length as an import takes it: readers write at most 300 characters on bendi, but a site that
 * moved in from WordPress keeps its longer old comments, and its export must bring them back. The cap only
 * stops a damaged file from storing a novel as a comment.
 */
const MAX_COMMENT_CHARS = 20_000;
const COMMENT_STATUSES = ['pending', 'published', 'rejected', 'deleted'] as const;

/**
 * Brings a bendi export (see export-site.ts) into this site: staff accounts
 * (without passwords), media files with their storage keys, categories,
 * tags, settings, readers, articles, comments, 专题 and ads, each file in the order
 * that what a record names is there before it. Every record is imported on
 * its own: a damaged one is reported with its file and line and the import
 * goes on. The import map remembers what each record became, so importing
 * the same export again changes nothing.
 *
 * Throws Invalid 'export.not_an_export' for a directory without a readable
 * manifest, 'export.newer_format' for a format this version does not know.
 */
export async function importSiteExport(
  deps: { db: Db; storage: MediaStorage; clock: Clock },
  input: { dir: string; onStep?: OnSiteImportStep },
): Promise<SiteImportReport> {
  const dir = path.resolve(input.dir);
  const manifest = await readManifest(dir);
  const source = `bendi:${manifest.exportId}`;
  const report: SiteImportReport = {
    source,
    exportedAt: manifest.exportedAt,
    counts: { ...(Object.fromEntries(Object.keys(EXPORT_FILES).map((kind) => [kind, 0])) as Record<ExportKind, number>), alreadyImported: 0 },
    notImported: [],
    changed: [],
  };
  const importer = new RecordImporter(deps, dir, source, report);
  for (const kind of Object.keys(EXPORT_FILES) as ExportKind[]) {
    const file = EXPORT_FILES[kind];
    let done = 0;
    const total = Number(manifest.counts?.[kind]) || 0;
    input.onStep?.({ phase: kind, done, total });
    for await (const line of readRecords(path.join(dir, file))) {
      const item = `${file} 第 ${line.line} 行`;
      try {
        if ('error' in line) throw new Error(line.error);
        const importRecord = () => importer[kind](new RecordFields(line.record), item);
        const outcome = await importRecord().catch((error: unknown) => {
          // Another import of the same export, running at the same time, imported the record first: read again, it is found.
          if (!isUniqueViolation(error)) throw error;
          return importRecord();
        });
        if (outcome === 'imported') report.counts[kind]++;
        else report.counts.alreadyImported++;
      } catch (error) {
        report.notImported.push({ item, reason: reasonOf(error) });
      }
      input.onStep?.({ phase: kind, done: ++done, total: Math.max(total, done) });
    }
  }
  return report;
}

async function readManifest(dir: string): Promise<ExportManifest> {
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(await fsp.readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as ExportManifest;
  } catch (error) {
    throw invalid('export.not_an_export', { dir, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  if (manifest?.format !== EXPORT_FORMAT || typeof manifest.exportId !== 'string' || !/^[\w-]{8,64}$/.test(manifest.exportId)) {
    throw invalid('export.not_an_export', { dir, reason: `${MANIFEST_FILE} 不是 bendi 导出的清单` });
  }
  if (typeof manifest.version !== 'number' || manifest.version > EXPORT_VERSION) {
    throw invalid('export.newer_format', { version: String(manifest.version), known: EXPORT_VERSION });
  }
  return manifest;
}

type Outcome = 'imported' | 'found';

/** How often an import waiting for another upload to write an image's files asks again. */
const WRITING_POLL_MS = 50;

/** Far more resized copies than bendi makes of an image (3 today), for exports of versions that made other widths. */
const MAX_COPIES_PER_IMAGE = 16;

/** One method per kind of record: each imports one record in a transaction of its own, or throws why it cannot. */
class RecordImporter {
  constructor(
    private readonly deps: { db: Db; storage: MediaStorage; clock: Clock },
    private readonly dir: string,
    private readonly source: string,
    private readonly report: SiteImportReport,
  ) {}

  private get db() {
    return this.deps.db;
  }

  private async mapped(kind: Parameters<typeof findMapped>[2], key: string | number, what: string): Promise<number> {
    const id = await findMapped(this.db, this.source, kind, String(key));
    if (id === undefined) throw new Error(`${what} 没有导入（见它所在文件的报告）`);
    return id;
  }

  /** A staff account named by a record, when this site has it; an import does not make accounts for names alone. */
  private async staffId(username: string | null): Promise<number | null> {
    return username === null ? null : ((await findStaffUserByUsername(this.db, username))?.id ?? null);
  }

  async users(fields: RecordFields): Promise<Outcome> {
    const id = fields.integer('id');
    if ((await findMapped(this.db, this.source, 'author', String(id))) !== undefined) return 'found';
    const username = fields.string('username');
    const createdAt = fields.date('createdAt');
    await this.db.transaction().execute(async (trx) => {
      // The same person on the new site: an account of that name is theirs, not a second one.
      const existing = await findStaffUserByUsername(trx, username);
      const user =
        existing ??
        (await insertStaffUser(
          trx,
          { username, displayName: fields.string('displayName'), realName: fields.string('realName'), role: fields.oneOf('role', STAFF_ROLES), passwordHash: null },
          createdAt,
        ));
      if (!existing && fields.boolean('disabled')) await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
      await recordMapped(trx, this.source, 'author', String(id), user.id, this.deps.clock());
    });
    return 'imported';
  }

  async media(fields: RecordFields): Promise<Outcome> {
    const key = fields.string('storageKey');
    if ((await findMapped(this.db, this.source, 'image', key)) !== undefined) return 'found';
    const variants = fields.objects('variants').map((v) => ({ width: v.integer('width'), height: v.integer('height'), key: v.string('key'), contentType: v.string('contentType') }));
    // An image's files are all read before the first is written: a record listing thousands would hold them all at once.
    if (variants.length > MAX_COPIES_PER_IMAGE) throw new Error(`图片 ${key.slice(0, 80)} 列了 ${variants.length} 个缩小的副本，bendi 的图片最多有 ${MAX_COPIES_PER_IMAGE} 个`);
    const keys: [string, ...string[]] = [key, ...variants.map((v) => v.key)];
    // The key becomes a path in the store: only bendi's own shape of key, nothing that climbs out of media/.
    const unsafe = keys.find((k) => !isSafeMediaKey(k));
    if (unsafe !== undefined) throw new Error(`图片文件名 ${unsafe.slice(0, 80)} 不是 bendi 的格式`);
    if (new Set(keys).size !== keys.length) throw new Error(`图片 ${key.slice(0, 80)} 的几个文件用了同一个文件名`);
    const existing = await this.db.selectFrom('media').select('id').where('storage_key', '=', key).executeTakeFirst();
    // A row with the key is this very image: the export is of this site, or another import of it stored the image.
    const { mediaId, outcome } = existing ? { mediaId: existing.id, outcome: 'found' as const } : await this.storeImage(fields, keys, variants);
    // Another import of this export may have stored the image meanwhile, and mapped it as this one does.
    await recordMappedOnce(this.db, this.source, 'image', key, mediaId, this.deps.clock());
    return outcome;
  }

  /**
   * Stores an image as an upload does: its files, all checked before the first
   * is written and recorded as an upload until its row is in, then its row.
   * Returns the row's id, or the id of the row another import of the same
   * export stored meanwhile (see claimChosenKeys) as `found`: nothing is
   * written then.
   */
  private async storeImage(fields: RecordFields, keys: [string, ...string[]], variants: MediaVariant[]): Promise<{ mediaId: number; outcome: Outcome }> {
    // Every file is checked before the first is written: a damaged one leaves nothing of the image in the store.
    const files = await this.imageFiles(keys);
    const uploadedBy = fields.optionalString('uploadedBy');
    const uploader = uploadedBy === null ? undefined : await findStaffUserByUsername(this.db, uploadedBy);
    // The record's type is not trusted: the stored original's is what its bytes are.
    const stored = { storageKey: keys[0], contentType: files[0].contentType, width: fields.integer('width'), height: fields.integer('height'), byteSize: fields.integer('byteSize'), altText: fields.string('altText'), variants };
    const origin = { fileName: fields.string('fileName'), uploadedBy: uploader?.id ?? null };
    const createdAt = fields.date('createdAt');
    const claim = await this.claimKeys(keys);
    const now = this.deps.clock();
    if (claim.outcome === 'stored') return { mediaId: claim.mediaId, outcome: 'found' };
    if (claim.outcome !== 'claimed') {
      throw new Error(`图片文件 ${claim.key} 正在写入或清理（另一次导入正在写它、上一次导入中断，或这张图片刚被删除），稍后（最多一小时）再导入一次即可`);
    }
    await writeImageFiles(this.deps, files, now);
    try {
      return { mediaId: (await this.db.transaction().execute((trx) => insertStoredImage(trx, stored, createdAt, origin))).id, outcome: 'imported' };
    } catch (error) {
      await discardImageFiles(this.deps, keys, now);
      throw error;
    }
  }

  /**
   * Claims an image's keys (claimChosenKeys), waiting while another upload is
   * writing them, up to UPLOAD_UNDER_WAY_MS: another import of the same export,
   * started at the same time, then has stored the row, which this one takes.
   */
  private async claimKeys(keys: [string, ...string[]]): Promise<ChosenKeysClaim> {
    const givingUpAt = Date.now() + UPLOAD_UNDER_WAY_MS;
    for (;;) {
      // The time of this attempt: whether the other upload is still under way is judged at each.
      const claim = await claimChosenKeys(this.db, keys, this.deps.clock());
      if (claim.outcome !== 'writing' || Date.now() >= givingUpAt) return claim;
      await sleep(WRITING_POLL_MS);
    }
  }

  /** The files of an image from the export's media folder, each the picture its name says, the original first. */
  private async imageFiles([original, ...copies]: [string, ...string[]]): Promise<[ImageFile, ...ImageFile[]]> {
    const file = async (key: string): Promise<ImageFile> => {
      const data = await fsp.readFile(path.join(this.dir, MEDIA_DIR, key)).catch(() => undefined);
      if (!data) throw new Error(`导出里缺少图片文件 ${MEDIA_DIR}/${key}`);
      // Served from this site as the picture its name says: a page or a script under an image's name is refused.
      const info = await readImageInfo(data).catch(() => undefined);
      if (!info || IMAGE_FORMATS[info.format].extension !== path.extname(key).slice(1)) throw new Error(`${MEDIA_DIR}/${key} 不是它的文件名所说的图片`);
      return { key, data, contentType: IMAGE_FORMATS[info.format].contentType };
    };
    return [await file(original), ...(await Promise.all(copies.map(file)))];
  }

  async categories(fields: RecordFields, item: string): Promise<Outcome> {
    const slug = fields.string('slug');
    if ((await findMapped(this.db, this.source, 'category', slug)) !== undefined) return 'found';
    if (!isValidCategorySlug(slug)) throw new Error(`栏目地址 ${slug.slice(0, 60)} 不符合 bendi 的规则`);
    const parentSlug = fields.optionalString('parent');
    const parentId = parentSlug === null ? null : await this.mapped('category', parentSlug, `上级栏目 ${parentSlug}`);
    await this.db.transaction().execute(async (trx) => {
      const same = (await listCategories(trx)).find((c) => c.slug === slug);
      if (same) this.report.changed.push({ item, reason: `与已有的栏目 ${slug} 合并` });
      const id =
        same?.id ??
        (await insertCategory(trx, { slug, name: fields.string('name').trim().slice(0, 50) || slug, parentId, position: fields.integer('position') }, fields.date('createdAt'))).id;
      await recordMapped(trx, this.source, 'category', slug, id, this.deps.clock());
    });
    return 'imported';
  }

  async tags(fields: RecordFields): Promise<Outcome> {
    const given = fields.string('name');
    // As an editor's save stores it (NFC, spaces made one): an export from elsewhere may hold another form.
    const name = given.normalize('NFC').trim().replace(/\s+/gu, ' ');
    if (!name || [...name].length > MAX_TAG_CHARS) throw new Error(`标签“${given.slice(0, 40)}”为空或超过 ${MAX_TAG_CHARS} 个字`);
    const inserted = await this.db
      .insertInto('tags')
      .values({ name, folded: foldTagName(name) })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted ? 'imported' : 'found';
  }

  async settings(fields: RecordFields): Promise<Outcome> {
    const key = fields.string('key');
    if (!/^[A-Za-z][\w.]{0,99}$/.test(key)) throw new Error(`设置名 ${key.slice(0, 60)} 不符合 bendi 的格式`);
    const mediaKey = fields.optionalString('mediaKey');
    const value = mediaKey === null ? fields.value('value') : await this.mapped('image', mediaKey, `图片 ${mediaKey}`);
    const now = this.deps.clock().toISOString();
    await this.db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
      .execute();
    return 'imported';
  }

  async readers(fields: RecordFields): Promise<Outcome> {
    const id = fields.integer('id');
    if ((await findMapped(this.db, this.source, 'commenter', String(id))) !== undefined) return 'found';
    // No phone number travels in an export: a marker no phone can receive keeps the reader from signing in as someone else.
    const marker = `imported:${createHash('sha256').update(`${this.source}\n${id}`).digest('hex').slice(0, 24)}`;
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('readers')
        .values({
          phone: marker,
          nickname: [...fields.string('nickname')].slice(0, 20).join('') || '匿名',
          banned_at: fields.optionalDate('bannedAt')?.toISOString() ?? null,
          ban_reason: fields.optionalString('banReason'),
          created_at: fields.date('createdAt').toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordMapped(trx, this.source, 'commenter', String(id), row.id, this.deps.clock());
    });
    return 'imported';
  }

  async articles(fields: RecordFields, item: string): Promise<Outcome> {
    const id = fields.integer('id');
    if ((await findMapped(this.db, this.source, 'post', String(id))) !== undefined) return 'found';
    const categoryId = await this.mapped('category', fields.string('category'), `栏目 ${fields.string('category')}`);
    const status = fields.oneOf('status', ARTICLE_STATUSES);
    const staff = (name: string) => this.staffId(fields.optionalString(name));
    const lead = fields.optionalObject('leadImage');
    let leadImage: { mediaId: number; alt: string } | null = null;
    if (lead) {
      const mediaId = await findMapped(this.db, this.source, 'image', lead.string('storageKey'));
      if (mediaId === undefined) this.report.changed.push({ item, reason: `题图 ${lead.string('storageKey')} 没有导入，文章没有题图` });
      else leadImage = { mediaId, alt: lead.string('alt') };
    }
    const flags = fields.object('flags');
    const counts = fields.object('counts');
    const revisions = fields.objects('revisions');
    const body = await SanitizedBody.of(fields.string('bodyHtml'));
    const revisionBodies = await Promise.all(revisions.map((r) => SanitizedBody.of(r.string('bodyHtml'))));
    const createdBy = await staff('createdBy');
    const publisherId = await staff('publisher');
    const updatedBy = await staff('updatedBy');
    const revisionEditors = await Promise.all(revisions.map((r) => this.staffId(r.optionalString('editor'))));
    const createdAt = fields.date('createdAt');
    const publishedAt = fields.optionalDate('publishedAt');

    await this.db.transaction().execute(async (trx) => {
      const article = await createArticle(
        trx,
        {
          categoryId,
          title: fields.string('title'),
          summary: fields.string('summary'),
          bodyHtml: body,
          leadImage,
          editorNote: fields.optionalString('editorNote'),
          credits: fields.optionalString('credits'),
          origin: fields.oneOf('origin', ['original', 'reprint'] as const),
          sourceName: fields.optionalString('sourceName'),
          sourceUrl: fields.optionalString('sourceUrl'),
          originalTitle: fields.optionalString('originalTitle'),
          originalAuthor: fields.optionalString('originalAuthor'),
          responsibleEditor: fields.optionalString('responsibleEditor'),
          author: fields.optionalString('author'),
          scheduledAt: fields.optionalDate('scheduledAt'),
          flags: { headline: flags.boolean('headline'), recommended: flags.boolean('recommended'), pinned: flags.boolean('pinned') },
          tags: fields.strings('tags'),
          status,
          publishedAt,
          publisher: null,
          createdBy,
        },
        createdAt,
      );
      // What creating an article sets from the present is set back to what the export says.
      await trx
        .updateTable('articles')
        .set({
          published_at: publishedAt?.toISOString() ?? null,
          status_reason: fields.optionalString('statusReason'),
          publisher_id: publisherId,
          publisher_ip_region: fields.optionalString('publisherIpRegion'),
          review_level: fields.integer('reviewLevel'),
          read_count: counts.integer('reads'),
          like_count: counts.integer('likes'),
          comment_count: counts.integer('comments'),
          updated_by: updatedBy,
          updated_at: fields.date('updatedAt').toISOString(),
        })
        .where('id', '=', article.id)
        .execute();
      if (revisions.length > 0) {
        await trx.deleteFrom('article_revisions').where('article_id', '=', article.id).execute();
        await trx
          .insertInto('article_revisions')
          .values(revisions.map((r, i) => ({ article_id: article.id, title: r.string('title'), body_html: revisionBodies[i]!.html, editor_id: revisionEditors[i]!, created_at: r.date('createdAt').toISOString() })))
          .execute();
      }
      await recordMapped(trx, this.source, 'post', String(id), article.id, this.deps.clock());
    });
    return 'imported';
  }

  async comments(fields: RecordFields): Promise<Outcome> {
    const id = fields.integer('id');
    if ((await findMapped(this.db, this.source, 'comment', String(id))) !== undefined) return 'found';
    const articleId = await this.mapped('post', fields.integer('article'), `文章 ${fields.integer('article')}`);
    const readerId = await this.mapped('commenter', fields.integer('reader'), `读者 ${fields.integer('reader')}`);
    const parent = fields.optionalInteger('parent');
    const replyTo = fields.optionalInteger('replyToReader');
    const body = fields.string('body');
    if (!body.trim() || body.length > MAX_COMMENT_CHARS) throw new Error(`评论为空或超过 ${MAX_COMMENT_CHARS} 个字`);
    const row = {
      article_id: articleId,
      reader_id: readerId,
      parent_id: parent === null ? null : await this.mapped('comment', parent, `上级评论 ${parent}`),
      reply_to_reader_id: replyTo === null ? null : await this.mapped('commenter', replyTo, `读者 ${replyTo}`),
      body,
      status: fields.oneOf('status', COMMENT_STATUSES),
      flagged: fields.boolean('flagged') ? 1 : 0,
      ip: '',
      ip_region: fields.optionalString('ipRegion'),
      like_count: fields.integer('likes'),
      moderation_reason: fields.optionalString('moderationReason'),
      moderated_at: fields.optionalDate('moderatedAt')?.toISOString() ?? null,
      created_at: fields.date('createdAt').toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      // The article's row first: two imports of one export count its comments one after the other.
      await lockRowsInIdOrder(trx, 'articles', [articleId]);
      const inserted = await trx.insertInto('comments').values(row).returning('id').executeTakeFirstOrThrow();
      // The export read the article's count apart from its comments, while its site went on serving: the count is
      // made again from the published ones that came in, which the article page relies on (it lists none at 0).
      if (row.status === 'published') {
        const published = trx.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', articleId).where('status', '=', 'published');
        await trx.updateTable('articles').set({ comment_count: published }).where('id', '=', articleId).execute();
      }
      await recordMapped(trx, this.source, 'comment', String(id), inserted.id, this.deps.clock());
    });
    return 'imported';
  }

  async topics(fields: RecordFields, item: string): Promise<Outcome> {
    const id = fields.integer('id');
    if ((await findMapped(this.db, this.source, 'topic', String(id))) !== undefined) return 'found';
    const slug = fields.string('slug');
    if (!isValidTopicSlug(slug)) throw new Error(`专题地址 ${slug.slice(0, 60)} 不符合 bendi 的规则`);
    // Its address is public and permanent: a 专题 of this site already answering there is not replaced.
    if (await this.db.selectFrom('topics').select('id').where('slug', '=', slug).executeTakeFirst()) throw new Error(`本站已有地址为 ${slug} 的专题`);
    const title = fields.string('title').trim();
    if (!title || [...title].length > TOPIC_LIMITS.titleChars) throw new Error(`专题标题为空或超过 ${TOPIC_LIMITS.titleChars} 个字`);
    // What comes in otherwise than it was, reported once the 专题 is imported.
    const changes: string[] = [];
    const banner = fields.optionalObject('banner');
    let bannerImage: { mediaId: number; alt: string } | null = null;
    if (banner) {
      const mediaId = await findMapped(this.db, this.source, 'image', banner.string('storageKey'));
      if (mediaId === undefined) changes.push(`横幅图片 ${banner.string('storageKey')} 没有导入，专题没有横幅`);
      else bannerImage = { mediaId, alt: banner.string('alt') };
    }
    const sections = await this.topicSections(fields.objects('sections'), changes);
    const intro = await SanitizedBody.of(fields.string('introHtml'));
    const row = {
      slug,
      title,
      banner_media_id: bannerImage?.mediaId ?? null,
      banner_alt: bannerImage?.alt ?? null,
      intro_html: intro.html,
      position: fields.integer('position'),
      show_on_home: fields.boolean('showOnHome') ? 1 : 0,
      status: fields.oneOf('status', ARTICLE_STATUSES),
      status_reason: fields.optionalString('statusReason'),
      published_at: fields.optionalDate('publishedAt')?.toISOString() ?? null,
      created_by: await this.staffId(fields.optionalString('createdBy')),
      updated_by: await this.staffId(fields.optionalString('updatedBy')),
      created_at: fields.date('createdAt').toISOString(),
      updated_at: fields.date('updatedAt').toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('topics').values(row).returning('id').executeTakeFirstOrThrow();
      await replaceSections(trx, inserted.id, sections);
      await recordMapped(trx, this.source, 'topic', String(id), inserted.id, this.deps.clock());
    });
    for (const reason of changes) this.report.changed.push({ item, reason });
    return 'imported';
  }

  /** A 专题's sections with their picks as this site's articles; a pick whose article did not come in is left out and reported. */
  private async topicSections(records: RecordFields[], changes: string[]): Promise<TopicSection[]> {
    if (records.length > TOPIC_LIMITS.sections) throw new Error(`专题的栏块超过 ${TOPIC_LIMITS.sections} 个`);
    const sections: TopicSection[] = [];
    for (const record of records) {
      const title = record.string('title').trim();
      if (!title || [...title].length > TOPIC_LIMITS.sectionTitleChars) throw new Error(`栏块标题为空或超过 ${TOPIC_LIMITS.sectionTitleChars} 个字`);
      const picked = record.integers('articles');
      if (picked.length > TOPIC_LIMITS.pickedArticles) throw new Error(`栏块“${title}”选的文章超过 ${TOPIC_LIMITS.pickedArticles} 篇`);
      const articleIds: number[] = [];
      for (const sourceId of picked) {
        const articleId = await findMapped(this.db, this.source, 'post', String(sourceId));
        if (articleId === undefined) changes.push(`栏块“${title}”选的文章 ${sourceId} 没有导入，已从栏块中去掉`);
        else if (!articleIds.includes(articleId)) articleIds.push(articleId);
      }
      const tag = record.optionalString('tag');
      if (tag !== null && (!tag.trim() || [...tag].length > MAX_TAG_CHARS)) throw new Error(`栏块“${title}”的标签为空或超过 ${MAX_TAG_CHARS} 个字`);
      const tagLimit = record.integer('tagLimit');
      if (tagLimit > TOPIC_LIMITS.tagArticles) throw new Error(`栏块“${title}”的标签文章数超过 ${TOPIC_LIMITS.tagArticles}`);
      sections.push({ title, articleIds, tag, tagLimit });
    }
    return sections;
  }

  async ads(fields: RecordFields): Promise<Outcome> {
    const id = fields.integer('id');
    if ((await findMapped(this.db, this.source, 'ad', String(id))) !== undefined) return 'found';
    const title = fields.string('title').trim();
    if (!title || [...title].length > AD_TITLE_MAX) throw new Error(`广告标题为空或超过 ${AD_TITLE_MAX} 个字`);
    const body = fields.string('body').trim();
    if ([...body].length > AD_BODY_MAX) throw new Error(`广告文字超过 ${AD_BODY_MAX} 个字`);
    // Readers are sent there: only a plain http(s) address, as the admin form allows.
    const linkUrl = checkedAdLink(fields.string('linkUrl'));
    if (!linkUrl) throw new Error(`广告链接 ${fields.string('linkUrl').slice(0, 60)} 不是 http(s) 网址`);
    const weight = fields.integer('weight');
    if (weight < 1 || weight > AD_WEIGHT_MAX) throw new Error(`广告权重应在 1 到 ${AD_WEIGHT_MAX} 之间`);
    const startsAt = fields.date('startsAt');
    const endsAt = fields.optionalDate('endsAt');
    if (endsAt !== null && endsAt <= startsAt) throw new Error('广告的结束时间早于开始时间');
    // An image ad without its image would be another ad: it is not imported rather than shown as text.
    const image = fields.optionalString('image');
    const mediaId = image === null ? null : await this.mapped('image', image, `图片 ${image}`);
    const categoryIds = [...new Set(await Promise.all(fields.strings('categories').map((slug) => this.mapped('category', slug, `栏目 ${slug}`))))];
    const days = fields.objects('days').map((d) => ({ day: d.string('day'), impressions: d.integer('impressions'), clicks: d.integer('clicks') }));
    const badDay = days.find((d, i) => !/^\d{4}-\d{2}-\d{2}$/.test(d.day) || days.findIndex((other) => other.day === d.day) !== i);
    if (badDay) throw new Error(`广告数据的日期 ${badDay.day.slice(0, 20)} 不是 YYYY-MM-DD 或重复`);
    const row = {
      slot: fields.oneOf('slot', AD_SLOTS),
      title,
      body,
      media_id: mediaId,
      link_url: linkUrl,
      weight,
      starts_at: startsAt.toISOString(),
      ends_at: endsAt?.toISOString() ?? null,
      enabled: fields.boolean('enabled') ? 1 : 0,
      targets_categories: categoryIds.length > 0 ? 1 : 0,
      created_by: await this.staffId(fields.optionalString('createdBy')),
      created_at: fields.date('createdAt').toISOString(),
      updated_at: fields.date('updatedAt').toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('ads').values(row).returning('id').executeTakeFirstOrThrow();
      if (categoryIds.length > 0) await trx.insertInto('ad_categories').values(categoryIds.map((category_id) => ({ ad_id: inserted.id, category_id }))).execute();
      // In slices: years of days in one statement would pass SQLite's limit on bound values.
      for (let i = 0; i < days.length; i += 500) {
        await trx.insertInto('ad_daily_stats').values(days.slice(i, i + 500).map((d) => ({ ad_id: inserted.id, ...d }))).execute();
      }
      await recordMapped(trx, this.source, 'ad', String(id), inserted.id, this.deps.clock());
    });
    return 'imported';
  }
}
