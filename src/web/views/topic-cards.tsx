import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { Image } from './image.js';
import type { TopicSummary } from './page-model.js';

/**
 * A block of 专题 cards, banner and title: the home page's 专题 (from
 * homeTopics) and the /zt list. Renders nothing without 专题.
 */
export function TopicCards({ topics, heading = ui.topics, headingHref }: { topics: TopicSummary[]; heading?: string; headingHref?: string }) {
  if (topics.length === 0) return null;
  return (
    <section class="topics" aria-labelledby="topics-heading">
      <h2 id="topics-heading" class="section-title">
        {headingHref ? <a href={headingHref}>{heading}</a> : heading}
      </h2>
      <ul class="topic-cards">
        {topics.map((topic) => (
          <li key={topic.id} class="topic-card">
            <a href={topic.href}>
              {topic.image && <Image image={topic.image} className="topic-card__image" sizes="(max-width: 760px) 100vw, 380px" />}
              <span class="topic-card__title">{topic.title}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
