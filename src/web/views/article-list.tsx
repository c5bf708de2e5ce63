import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { Image } from './image.js';
import type { ArticleSummary } from './page-model.js';
import { Time } from './time.js';

export function ArticleList({ articles, compact }: { articles: ArticleSummary[]; compact?: boolean }) {
  return (
    <ul class={compact ? 'article-list article-list--compact' : 'article-list'}>
      {articles.map((a) => (
        <li key={a.id} class="article-card">
          {!compact && a.image && <Image image={a.image} className="article-card__image" sizes="(min-width: 800px) 180px, 120px" />}
          <div class="article-card__text">
            <h3 class="article-card__title">
              {a.pinned && <span class="badge badge--pinned">{ui.pinned}</span>}
              <a href={a.href}>{a.title}</a>
            </h3>
            {!compact && a.summary && <p class="article-card__summary">{a.summary}</p>}
            <p class="article-card__meta">
              {a.categoryName && <span>{a.categoryName}</span>}
              {a.publishedAt && <Time time={a.publishedAt} />}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
