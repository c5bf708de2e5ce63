import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { AdSlot, type AdSlotModel } from './ad-slot.js';
import { ArticleList } from './article-list.js';
import { FocusCarousel } from './focus-carousel.js';
import { Layout } from './layout.js';
import type { ArticleSummary, FocusFrame, PageMeta, SidebarBlock, SiteChrome, TopicSummary } from './page-model.js';
import { Sidebar } from './sidebar.js';
import { TopicCards } from './topic-cards.js';

export interface HomeSection {
  name: string;
  href: string;
  articles: ArticleSummary[];
}

export interface HomePageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  /** 焦点图 frames in order: the 头条 articles; then its 广告位's ad, if any, as the last frame. */
  focus: FocusFrame[];
  focusAd: AdSlotModel | undefined;
  /** The home page's banner 广告位, under the 焦点图 and 要闻. */
  banner: AdSlotModel | undefined;
  /** The 专题 placed on the home page (homeTopics), and the address of their list. */
  topics: { list: TopicSummary[]; href: string };
  /** 要闻: the latest articles beside the 焦点图. */
  headlines: ArticleSummary[];
  sections: HomeSection[];
  sidebar: SidebarBlock[];
  /** A staff member's preview of unsaved settings. */
  preview?: boolean;
}

/**
 * Phone: one column (焦点图, 要闻, the sections, then the sidebar). From
 * 1024 px: 焦点图 and 要闻 side by side with the sidebar as a third column,
 * the sections in two columns below.
 */
export function HomePage(props: HomePageProps) {
  return (
    <Layout chrome={props.chrome} meta={props.meta} wide>
      <h1 class="visually-hidden">{props.chrome.settings.siteName}</h1>
      {props.preview && <p class="staff-banner">{ui.homePreviewBanner}</p>}
      <div class="with-sidebar">
        <div class="home">
          {(props.focus.length > 0 || props.headlines.length > 0) && (
            <div class="home__lead">
              {props.focus.length > 0 && <FocusCarousel articles={props.focus} ad={props.focusAd} />}
              {props.headlines.length > 0 && (
                <section class="headlines" aria-labelledby="headlines-heading">
                  <h2 id="headlines-heading" class="section-title">
                    {ui.headlines}
                  </h2>
                  <ArticleList articles={props.headlines} compact />
                </section>
              )}
            </div>
          )}
          <AdSlot model={props.banner} />
          <TopicCards topics={props.topics.list} headingHref={props.topics.href} />
          <div class="home__sections">
            {props.sections.map((section, i) => (
              <section key={section.href} class="home-section" aria-labelledby={`section-${i}`}>
                <h2 id={`section-${i}`} class="section-title">
                  <a href={section.href}>{section.name}</a>
                  <a class="section-title__more" href={section.href}>
                    {ui.more}
                    <span class="visually-hidden">{section.name}</span>
                  </a>
                </h2>
                {/* The newest with its picture and summary, the rest as titles: dense, and light on a phone. */}
                <ArticleList articles={section.articles.slice(0, 1)} />
                {section.articles.length > 1 && <ArticleList articles={section.articles.slice(1)} compact />}
              </section>
            ))}
          </div>
        </div>
        <Sidebar blocks={props.sidebar} label={ui.sidebar} />
      </div>
    </Layout>
  );
}
