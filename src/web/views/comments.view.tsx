import type { CommentOrder } from '../../comments/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { jsx, renderedOnce } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { Time } from './time.js';

export interface CommentItem {
  id: number;
  nickname: string;
  replyToNickname: string | null;
  body: string;
  ipRegion: string | null;
  likeCount: number;
  createdAt: ShownTime;
  replies: CommentItem[];
}

interface CommentSectionProps {
  articleId: number;
  count: number;
  comments: CommentItem[];
  pledge: string;
  maxLength: number;
  open: boolean;
  order: CommentOrder;
  orderHref: (order: CommentOrder) => string;
}

/**
 * The comment list, box and reader sign-in. The list is rendered here for
 * everyone; posting, replying, reporting and signing in are done by the
 * page's script through the readers' API (a phone number must be verified
 * first, which needs a round trip for the SMS code anyway).
 */
export function CommentSection(props: CommentSectionProps) {
  return (
    <section id="comments" class="comments" aria-labelledby="comments-heading" data-max-length={props.maxLength}>
      <h2 id="comments-heading">
        {ui.commentCountBefore}
        <span data-count="comments">{props.count}</span>
        {ui.commentCountAfter}
      </h2>
      {props.open ? <CommentForm pledge={props.pledge} maxLength={props.maxLength} /> : <p class="comments__closed">{ui.commentsClosed}</p>}
      <nav class="comment-order" aria-label={ui.commentOrder}>
        {(['newest', 'liked'] as const).map((order) => (
          <a key={order} href={props.orderHref(order)} aria-current={props.order === order ? 'true' : undefined}>
            {order === 'newest' ? ui.commentsNewest : ui.commentsLiked}
          </a>
        ))}
      </nav>
      <ol class="comment-list" data-comment-list>
        {props.comments.map((c) => (
          <Comment key={c.id} comment={c} />
        ))}
      </ol>
      {props.comments.length === 0 && (
        <p class="comments__empty" data-comments-empty>
          {ui.noComments}
        </p>
      )}
      <SignInPanel />
    </section>
  );
}

function Comment({ comment }: { comment: CommentItem }) {
  return (
    <li class="comment" id={`c-${comment.id}`} data-comment-id={comment.id} data-nickname={comment.nickname}>
      <p class="comment__meta">
        <strong class="comment__author">{comment.nickname}</strong>
        {comment.ipRegion && (
          <span>
            {ui.ipRegion}
            {comment.ipRegion}
          </span>
        )}
        <Time time={comment.createdAt} />
      </p>
      <p class="comment__body">
        {comment.replyToNickname && <span class="comment__reply-to">{`${ui.reply} @${comment.replyToNickname}：`}</span>}
        {comment.body}
      </p>
      <p class="comment__actions">
        <button type="button" class="link-button" data-action="like-comment" aria-pressed="false">
          {ui.likeComment} <span data-comment-likes>{comment.likeCount}</span>
        </button>
        <button type="button" class="link-button" data-action="reply">
          {ui.reply}
        </button>
        <button type="button" class="link-button" data-action="report">
          {ui.report}
        </button>
      </p>
      {comment.replies.length > 0 && (
        <ol class="comment-replies">
          {comment.replies.map((r) => (
            <Comment key={r.id} comment={r} />
          ))}
        </ol>
      )}
    </li>
  );
}

function CommentForm({ pledge, maxLength }: { pledge: string; maxLength: number }) {
  return (
    <form class="comment-form" data-comment-form>
      <p class="comment-form__pledge">{pledge}</p>
      <label for="comment-body" class="visually-hidden">
        {ui.commentLabel}
      </label>
      {/* No maxlength: browsers count UTF-16 units, readers count characters; the counter and the server count as readers do. */}
      <textarea id="comment-body" name="body" rows={4} placeholder={ui.commentPlaceholder} data-counter="comment-counter" data-max-length={maxLength} />
      <p class="comment-form__footer">
        <span id="comment-counter" class="comment-form__counter" aria-live="polite">
          0/{maxLength}
        </span>
        <button type="submit">{ui.commentSubmit}</button>
      </p>
      <p class="comment-form__note" data-sign-in-hint>
        {ui.commentSignInNote}
      </p>
      <p class="comment-form__note" role="status" data-form-status />
    </form>
  );
}

export const SignInPanel = renderedOnce(() => (
  <div class="sign-in" data-sign-in hidden role="dialog" aria-modal="true" aria-labelledby="sign-in-title">
    <form class="sign-in__box">
      <h2 id="sign-in-title">{ui.signInTitle}</h2>
      <label for="sign-in-phone">{ui.phoneLabel}</label>
      <input id="sign-in-phone" name="phone" type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} required />
      <button type="button" class="button" data-action="send-code">
        {ui.sendCode}
      </button>
      <label for="sign-in-code">{ui.codeLabel}</label>
      <input id="sign-in-code" name="code" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
      <p class="sign-in__status" role="status" data-sign-in-status />
      <p class="sign-in__buttons">
        <button type="submit" class="button button--primary">
          {ui.signIn}
        </button>
        <button type="button" class="button" data-action="close-sign-in">
          {ui.cancel}
        </button>
      </p>
    </form>
  </div>
));
