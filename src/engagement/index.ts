export { hasLiked, likeArticle, unlikeArticle } from './likes.js';
export { isCrawler, READ_WINDOW_MINUTES, recordRead } from './reads.js';
