export { hasLiked, type LikeState, type LikeTarget, setLike } from './likes.js';
export { isCrawler, READ_VISITORS_PER_ADDRESS, READ_WINDOW_MINUTES, recordRead } from './reads.js';
