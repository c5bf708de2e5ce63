import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { ArticleList } from './article-list.js';
import { Breadcrumb, type Crumb } from './breadcrumb.js';
import { Image } from './image.js';
import { Layout } from './layout.js';
import type { ArticleSummary, ImageRef, PageMeta, SiteChrome, TopicSummary } from './page-model.js';
import { TopicCards } from './topic-cards.js';
import { TrustedHtml } from './trusted-html.js';

export interface TopicPageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  breadcrumb: Crumb[];
  title: string;
  banner: ImageRef | undefined;
  /** Sanitized when saved. */
  introHtml: string;
  sections: Array<{ title: string; articles: ArticleSummary[] }>;
  staffPreview: boolean;
}

export function TopicPage(props: TopicPageProps) {
  return (
    <Layout chrome={props.chrome} meta={props.meta}>
      <Breadcrumb crumbs={props.breadcrumb} />
      {props.staffPreview && (
        <p class="staff-banner" role="status">
          {ui.topicStaffPreviewBanner}
        </p>
      )}
      <header class="topic__header">
        {props.banner && <Image image={props.banner} eager className="topic__banner" sizes="(max-width: 760px) 100vw, 760px" />}
        <h1 class="page-title">{props.title}</h1>
      </header>
      {props.introHtml && <TrustedHtml className="topic__intro" html={props.introHtml} />}
      {props.sections.map((section, i) => (
        <section key={i} aria-labelledby={`topic-section-${i}`}>
          <h2 id={`topic-section-${i}`} class="section-title">
            {section.title}
          </h2>
          <ArticleList articles={section.articles} />
        </section>
      ))}
    </Layout>
  );
}

export interface TopicListPageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  breadcrumb: Crumb[];
  topics: TopicSummary[];
}

/** /zt: every published 专题, in their order. */
export function TopicListPage(props: TopicListPageProps) {
  return (
    <Layout chrome={props.chrome} meta={props.meta}>
      <Breadcrumb crumbs={props.breadcrumb} />
      <h1 class="page-title">{ui.topics}</h1>
      {props.topics.length > 0 ? <TopicCards topics={props.topics} heading={ui.topics} /> : <p class="empty">{ui.noTopics}</p>}
    </Layout>
  );
}
