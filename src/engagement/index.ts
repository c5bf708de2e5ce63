export { hasLiked, type LikeState, type LikeTarget, setLike } from './likes.js';
export { countRead, isCrawler, READ_VISITORS_PER_ADDRESS, READ_WINDOW_MINUTES } from './reads.js';
export { CounterBuffer } from './counter-buffer.js';
