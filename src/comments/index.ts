export { COMMENT_MAX_LENGTH, type CommentOrder, type CommentStatus, type CommentView, personLength } from './comment.js';
export { findComment, isCommentVisible, isNamedOnPages, listArticleComments } from './comment-repo.js';
export { banReader, moderateComments, MODERATION_MOVES, type ModerationTarget } from './moderate-comments.js';
export { countModerationQueue, listModerationQueue, type QueueName } from './moderation-queue.js';
export { type CommentPolicy, commentPolicyFrom, postComment, type PostCommentOutcome } from './post-comment.js';
export { countUnreadNotifications, listReaderNotifications, type ReaderNotification } from './notifications.js';
export { deleteOwnComment, listReaderComments, type OwnComment } from './reader-comments.js';
