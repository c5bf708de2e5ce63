import type { TopicMediaPlace } from '../media/index.js';

/** Where a 专题 shows an image, as the media library and its refusal to delete name it. */
export const TOPIC_PLACE_NAMES: Record<TopicMediaPlace, string> = { banner: '头图', intro: '导语' };
