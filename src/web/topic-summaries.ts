import type { AppDeps } from '../app-deps.js';
import { findMediaItems } from '../media/index.js';
import type { Script } from '../text/index.js';
import type { TopicCard } from '../topics/index.js';
import { toImageRef } from './site-chrome.js';
import { inScript, paths } from './urls.js';
import type { TopicSummary } from './views/page-model.js';

/** 专题 cards for lists, with their banners loaded in one query. */
export async function toTopicSummaries(deps: AppDeps, topics: TopicCard[], script: Script): Promise<TopicSummary[]> {
  const media = await findMediaItems(deps.db, topics.map((t) => t.banner?.mediaId ?? null));
  return topics.map((t) => ({
    id: t.id,
    href: inScript(paths.topic(t.slug), script),
    title: t.title,
    image: t.banner ? toImageRef(deps, media.get(t.banner.mediaId), t.banner.alt) : undefined,
  }));
}
