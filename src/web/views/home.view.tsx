import { ui } from '../messages.js';
import { AdSlot, type AdSlotModel } from './ad-slot.js';
import { ArticleList } from './article-list.js';
import { Image } from './image.js';
import { Layout } from './layout.js';
import type { ArticleSummary, PageMeta, SiteChrome, TopicSummary } from './page-model.js';
import { TopicCards } from './topic-cards.js';

export interface HomePageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  headline: ArticleSummary | undefined;
  recommended: ArticleSummary[];
  /** The 专题 placed on the home page (homeTopics), and the address of their list. */
  topics: { list: TopicSummary[]; href: string };
  sections: Array<{ name: string; href: string; articles: ArticleSummary[] }>;
  banner: AdSlotModel | undefined;
}

export function HomePage(props: HomePageProps) {
  const { headline } = props;
  return (
    <Layout chrome={props.chrome} meta={props.meta}>
      <h1 class="visually-hidden">{props.chrome.settings.siteName}</h1>
      {headline && (
        <section class="headline" aria-labelledby="headline-heading">
          <h2 id="headline-heading" class="section-title">
            {ui.headline}
          </h2>
          <a class="headline__link" href={headline.href}>
            {headline.image && <Image image={headline.image} eager className="headline__image" sizes="(max-width: 760px) 100vw, 760px" />}
            <span class="headline__title">{headline.title}</span>
          </a>
          {headline.summary && <p class="headline__summary">{headline.summary}</p>}
        </section>
      )}
      <AdSlot model={props.banner} />
      {props.recommended.length > 0 && (
        <section aria-labelledby="recommended-heading">
          <h2 id="recommended-heading" class="section-title">
            {ui.recommended}
          </h2>
          <ArticleList articles={props.recommended} compact />
        </section>
      )}
      <TopicCards topics={props.topics.list} headingHref={props.topics.href} />
      {props.sections.map((section, i) => (
        <section key={section.href} aria-labelledby={`section-${i}`}>
          <h2 id={`section-${i}`} class="section-title">
            <a href={section.href}>{section.name}</a>
            <a class="section-title__more" href={section.href}>
              {ui.more}
            </a>
          </h2>
          <ArticleList articles={section.articles} />
        </section>
      ))}
    </Layout>
  );
}
