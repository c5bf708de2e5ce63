import { jsx } from '../../lib/jsx.js';
import { AdSlot } from './ad-slot.js';
import { ArticleList } from './article-list.js';
import type { SidebarBlock } from './page-model.js';

/** The sidebar of the home and category pages: beside the content from 1024 px, below it on phones. */
export function Sidebar({ blocks, label }: { blocks: SidebarBlock[]; label: string }) {
  if (blocks.length === 0) return null;
  return (
    <aside class="sidebar" aria-label={label}>
      {blocks.map((block) => {
        switch (block.kind) {
          case 'ranking':
            return (
              <section key="ranking" class="sidebar__block" aria-labelledby="sidebar-ranking">
                <h2 id="sidebar-ranking" class="section-title">
                  {block.title}
                </h2>
                <ol class="ranking">
                  {block.articles.map((a) => (
                    <li key={a.id} class="ranking__item">
                      <a href={a.href}>{a.title}</a>
                    </li>
                  ))}
                </ol>
              </section>
            );
          case 'articles':
            return (
              <section key={block.key} class="sidebar__block" aria-labelledby={`sidebar-${block.key}`}>
                <h2 id={`sidebar-${block.key}`} class="section-title">
                  {block.title}
                </h2>
                <ArticleList articles={block.articles} compact />
              </section>
            );
          case 'ad':
            return <AdSlot key="ad" model={block.ad} />;
        }
      })}
    </aside>
  );
}
