import type { CommentOrder } from '../../comments/index.js';
import type { ArticleCounts, ArticleOrigin } from '../../content/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { Fragment, jsx, renderedOnce } from '../../lib/jsx.js';
import { inScript, paths } from '../urls.js';
import { ui } from '../messages.js';
import { ArticleList } from './article-list.js';
import { Breadcrumb, type Crumb } from './breadcrumb.js';
import { type CommentItem, CommentSection } from './comments.view.js';
import { Image } from './image.js';
import { Layout } from './layout.js';
import { ReportSheet } from './report-sheet.js';
import type { ArticleSummary, ImageRef, PageMeta, SiteChrome, TopicSummary } from './page-model.js';
import { Time } from './time.js';
import { TrustedHtml } from './trusted-html.js';
import { AdSlot, type AdSlotModel } from './ad-slot.js';
import { splitAfterParagraph } from '../split-body.js';
import { scrollableTables } from '../scrollable-tables.js';

export interface ArticleView {
  id: number;
  title: string;
  origin: ArticleOrigin;
  publisherName: string | undefined;
  publishedAt: ShownTime | undefined;
  ipRegion: string | undefined;
  sourceName: string | undefined;
  sourceUrl: string | undefined;
  author: string | undefined;
  originalTitle: string | undefined;
  originalAuthor: string | undefined;
  responsibleEditor: string | undefined;
  /** One source for every count on the page, so they always agree. */
  counts: ArticleCounts;
  leadImage: ImageRef | undefined;
  editorNote: string | undefined;
  bodyHtml: string;
  creditLines: string[];
  /** 关键词, each linking to its page. */
  tags: Array<{ name: string; href: string }>;
  /** The published 专题 that show it. */
  topics: TopicSummary[];
}

export interface ArticlePageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  article: ArticleView;
  /** Shown to staff looking at an article readers cannot see. */
  staffPreview: boolean;
  breadcrumb: Crumb[];
  /** wechatSdk: the JS-SDK's address when the site has a 公众号 (WECHAT_APP_ID), so WeChat shares a proper card. */
  share: { url: string; qrSrc: string; wechatSdk?: string };
  siteQr: ImageRef | undefined;
  reprintDisclaimer: string | undefined;
  commentPledge: string;
  commentMaxLength: number;
  commentsOpen: boolean;
  commentOrder: CommentOrder;
  /** Published comments, newest first; the reader's own pending ones are added by the page's script. */
  comments: CommentItem[];
  previous: { title: string; href: string } | undefined;
  next: { title: string; href: string } | undefined;
  related: ArticleSummary[];
  /** Between paragraphs (after the IN_ARTICLE_AFTER_PARAGRAPH-th) and below the article. */
  ads: { inArticle: AdSlotModel | undefined; belowArticle: AdSlotModel | undefined };
}

export function ArticlePage(props: ArticlePageProps) {
  const { article, chrome } = props;
  return (
    <Layout chrome={chrome} meta={props.meta}>
      {/* A staff preview of an unpublished article offers nothing to share, like, report or comment on, and counts no read. */}
      {!props.staffPreview && <div data-article-id={article.id} hidden />}
      <ReadingBar title={article.title} share={props.staffPreview ? undefined : props.share} commentCount={article.counts.comments} />
      <article class="article" aria-labelledby="article-title">
        <Breadcrumb crumbs={props.breadcrumb} />
        {props.staffPreview && (
          <p class="staff-banner" role="status">
            {ui.staffPreviewBanner}
          </p>
        )}
        <h1 id="article-title" class="article__title">
          {article.title}
        </h1>
        <Byline article={article} />
        {article.leadImage && (
          <figure class="article__lead">
            <Image image={article.leadImage} eager sizes="(max-width: 760px) 100vw, 760px" />
          </figure>
        )}
        {article.editorNote && (
          <aside class="editor-note" aria-label={ui.editorNote}>
            <strong>{ui.editorNote}</strong>
            {article.editorNote}
          </aside>
        )}
        <ArticleBody html={article.bodyHtml} ad={props.ads.inArticle} />
        {article.creditLines.length > 0 && (
          <p class="article__credits">
            {article.creditLines.map((line, i) => (
              <span key={i}>{line}</span>
            ))}
          </p>
        )}
        {article.tags.length > 0 && (
          <p class="article__tags">
            <span>{ui.tags}：</span>
            {article.tags.map((tag) => (
              <a key={tag.href} href={tag.href} rel="tag">
                {tag.name}
              </a>
            ))}
          </p>
        )}
        {article.topics.length > 0 && (
          <p class="article__topics">
            <span>{ui.topicOfArticle}：</span>
            {article.topics.map((topic) => (
              <a key={topic.id} href={topic.href}>
                {topic.title}
              </a>
            ))}
          </p>
        )}
        {article.origin === 'reprint' && <ReprintNotice article={article} disclaimer={props.reprintDisclaimer} />}
        {props.siteQr && (
          <figure class="article__site-qr">
            <Image image={props.siteQr} sizes="160px" />
            <figcaption>{props.siteQr.alt}</figcaption>
          </figure>
        )}
        {!props.staffPreview && <LikeBox likes={article.counts.likes} />}
        {!props.staffPreview && (
          <p class="article__report">
            {/* Without the script, the link leads to the footer's 违法和不良信息举报 contacts. */}
            <a href="#report-contacts" class="link-button" data-action="report-article">
              {ui.reportArticle}
            </a>
          </p>
        )}
        <AdSlot model={props.ads.belowArticle} />
        <ArticleNeighbours previous={props.previous} next={props.next} />
      </article>
      {props.related.length > 0 && (
        <section class="related" aria-labelledby="related-heading">
          <h2 id="related-heading">{ui.related}</h2>
          <ArticleList articles={props.related} compact />
        </section>
      )}
      {!props.staffPreview && (
        <>
          <CommentSection
            articleId={article.id}
            count={article.counts.comments}
            comments={props.comments}
            pledge={props.commentPledge}
            maxLength={props.commentMaxLength}
            open={props.commentsOpen}
            order={props.commentOrder}
            orderHref={(order) => `${inScript(paths.article(article.id), chrome.script)}${order === 'liked' ? '?comments=liked' : ''}#comments`}
          />
          <ReportSheet />
        </>
      )}
    </Layout>
  );
}

/** The sticky bar; without `share` (a staff preview) it only names the article. */
function ReadingBar({ title, share, commentCount }: { title: string; share: ArticlePageProps['share'] | undefined; commentCount: number }) {
  return (
    <div class="reading-bar">
      <p class="reading-bar__title" title={title}>
        <span class="reading-bar__label">{ui.nowReading}</span>
        {title}
      </p>
      {share && <ShareAndComment share={share} commentCount={commentCount} />}
    </div>
  );
}

function ShareAndComment({ share, commentCount }: { share: NonNullable<ArticlePageProps['share']>; commentCount: number }) {
  return (
    <>
      {/* Inside WeChat (site.js tells) the ··· menu is the way to share and the QR code is hidden; elsewhere the QR code
          is for WeChat on another phone. The buttons need the script, so it reveals them. */}
      <details class="share" data-wechat-sdk={share.wechatSdk}>
        <summary>{ui.share}</summary>
        <div class="share__panel">
          <p class="share__wechat-hint" data-share="wechat" hidden>
            {ui.shareInWechat}
          </p>
          {/* Loaded when the panel opens: browsers fetch no lazy image inside a closed <details>. */}
          <img class="share__qr" data-share="qr" src={share.qrSrc} alt={ui.shareQrAlt} width={180} height={180} loading="lazy" decoding="async" />
          <p data-share="qr">{ui.scanWithWechat}</p>
          <p class="share__url">{share.url}</p>
          <p class="share__actions">
            <button type="button" class="share__button" data-share-action="copy" data-url={share.url} data-copied={ui.linkCopied} data-failed={ui.copyFailed} hidden>
              {ui.copyLink}
            </button>
            <button type="button" class="share__button" data-share-action="system" hidden>
              {ui.systemShare}
            </button>
          </p>
          <p class="share__status" role="status" data-share-status></p>
        </div>
      </details>
      <a class="reading-bar__comments" href="#comments" data-action="join-comments">
        {ui.joinComments} <span data-count="comments">{commentCount}</span>
      </a>
    </>
  );
}

function Byline({ article }: { article: ArticleView }) {
  return (
    <p class="byline">
      <span class={`badge badge--${article.origin}`}>{article.origin === 'reprint' ? ui.reprint : ui.original}</span>
      {article.publisherName && <span class="byline__item">{article.publisherName}</span>}
      {article.publishedAt && (
        <span class="byline__item">
          <Time time={article.publishedAt} /> {ui.published}
        </span>
      )}
      {article.ipRegion && (
        <span class="byline__item">
          {ui.ipRegion}
          {article.ipRegion}
        </span>
      )}
      {article.sourceName && (
        <span class="byline__item">
          {ui.source}
          {article.sourceName}
        </span>
      )}
      {article.author && (
        <span class="byline__item">
          {ui.author}
          {article.author}
        </span>
      )}
      <span class="byline__item byline__counts">
        <span data-count="reads">{article.counts.reads}</span> {ui.reads} <span data-count="comments">{article.counts.comments}</span>{' '}
        {ui.comments} <span data-count="likes">{article.counts.likes}</span> {ui.likes}
      </span>
    </p>
  );
}

function ReprintNotice({ article, disclaimer }: { article: ArticleView; disclaimer: string | undefined }) {
  return (
    <section class="reprint" aria-label={ui.reprint}>
      <ul class="reprint__facts">
        {article.originalTitle && article.originalTitle !== article.title && (
          <li>
            {ui.originalTitle}
            {article.originalTitle}
          </li>
        )}
        {article.originalAuthor && (
          <li>
            {ui.originalAuthor}
            {article.originalAuthor}
          </li>
        )}
        {article.sourceName && (
          <li>
            {ui.source}
            {article.sourceUrl ? (
              <a href={article.sourceUrl} rel="noopener nofollow" target="_blank">
                {article.sourceName}
              </a>
            ) : (
              article.sourceName
            )}
          </li>
        )}
        {article.responsibleEditor && (
          <li>
            {ui.responsibleEditor}
            {article.responsibleEditor}
          </li>
        )}
      </ul>
      {disclaimer && <p class="reprint__disclaimer">{disclaimer}</p>}
    </section>
  );
}

function LikeBox({ likes }: { likes: number }) {
  return (
    <div class="like-box">
      <button type="button" class="like-button" data-action="like" aria-pressed="false">
        <ThumbIcon /> {ui.like}
      </button>
      <p class="like-box__count">
        {ui.likedByBefore}
        <span data-count="likes">{likes}</span>
        {ui.likedByAfter}
      </p>
    </div>
  );
}

/** Drawn inline: an emoji would depend on the phone's fonts. */
const ThumbIcon = renderedOnce(() => (
  <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    <path
      fill="currentColor"
      d="M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 7.9 6 8.4 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"
    />
  </svg>
));

function ArticleNeighbours({ previous, next }: Pick<ArticlePageProps, 'previous' | 'next'>) {
  if (!previous && !next) return null;
  return (
    <nav class="neighbours" aria-label={`${ui.previous} / ${ui.next}`}>
      {previous && (
        <p>
          {ui.previous}
          <a href={previous.href} rel="prev">
            {previous.title}
          </a>
        </p>
      )}
      {next && (
        <p>
          {ui.next}
          <a href={next.href} rel="next">
            {next.title}
          </a>
        </p>
      )}
    </nav>
  );
}

/** The ad between paragraphs stands after this many, where a reader who read that far is into the story. */
const IN_ARTICLE_AFTER_PARAGRAPH = 3;

/** The body, with the in-article ad after its third paragraph when it has one and more text follows. */
function ArticleBody({ html: saved, ad }: { html: string; ad: AdSlotModel | undefined }) {
  const html = scrollableTables(saved);
  const parts = ad && splitAfterParagraph(html, IN_ARTICLE_AFTER_PARAGRAPH);
  if (!parts) return <TrustedHtml className="article__body" html={html} />;
  return (
    <div class="article__body">
      <TrustedHtml html={parts[0]} />
      <AdSlot model={ad} />
      <TrustedHtml html={parts[1]} />
    </div>
  );
}
