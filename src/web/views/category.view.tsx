import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { ArticleList } from './article-list.js';
import { Breadcrumb, type Crumb } from './breadcrumb.js';
import { Layout } from './layout.js';
import { Pagination } from './pagination.js';
import type { ArticleSummary, PageMeta, SidebarBlock, SiteChrome } from './page-model.js';
import { Sidebar } from './sidebar.js';

export interface CategoryPageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  name: string;
  breadcrumb: Crumb[];
  subcategories: Array<{ name: string; href: string }>;
  articles: ArticleSummary[];
  /** 排行 and 推荐, beside the list from 1024 px (category pages; tag pages have none). */
  sidebar?: SidebarBlock[];
  page: number;
  pageCount: number;
  pageHref: (page: number) => string;
}

export function CategoryPage(props: CategoryPageProps) {
  return (
    <Layout chrome={props.chrome} meta={props.meta} wide>
      <Breadcrumb crumbs={props.breadcrumb} />
      <div class="with-sidebar">
        <div>
          <h1 class="page-title">{props.name}</h1>
          {props.subcategories.length > 0 && (
            <nav class="subnav" aria-label={props.name}>
              <ul>
                {props.subcategories.map((c) => (
                  <li key={c.href}>
                    <a href={c.href}>{c.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <section aria-labelledby="article-list-heading">
            <h2 id="article-list-heading" class="visually-hidden">
              {ui.articleListHeading}
            </h2>
            {props.articles.length > 0 ? <ArticleList articles={props.articles} /> : <p class="empty">{ui.noArticles}</p>}
          </section>
          <Pagination page={props.page} pageCount={props.pageCount} pageHref={props.pageHref} />
        </div>
        <Sidebar blocks={props.sidebar ?? []} label={ui.sidebar} />
      </div>
    </Layout>
  );
}
