import type { OwnComment, ReaderNotification } from '../../comments/index.js';
import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { SignInPanel } from './comments.view.js';
import { Layout } from './layout.js';
import type { PageMeta, SiteChrome } from './page-model.js';
import { Time } from './time.js';

export interface MePageProps {
  chrome: SiteChrome;
  meta: PageMeta;
  /** The signed-in reader's own space; undefined when nobody is signed in. */
  space:
    | {
        nickname: string;
        notifications: Array<Omit<ReaderNotification, 'at'> & { at: ShownTime; href: string }>;
        comments: Array<Omit<OwnComment, 'createdAt'> & { createdAt: ShownTime; href: string | undefined }>;
      }
    | undefined;
}

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The avatar is the nickname's first character: readers upload no pictures, so there is nothing to moderate. */
export function avatarLetter(nickname: string): string {
  return graphemes.segment(nickname)[Symbol.iterator]().next().value?.segment ?? '';
}

/**
 * 我的. Renaming, deleting and signing out are done by the page's script
 * through the readers' API, which is JSON only (see reader-api.routes.ts).
 */
export function MePage({ chrome, meta, space }: MePageProps) {
  return (
    <Layout chrome={chrome} meta={meta}>
      <h1 class="page-title">{ui.me}</h1>
      {space ? (
        <MySpace space={space} />
      ) : (
        <section class="me-signed-out" data-me-signed-out>
          <p>{ui.meSignedOut}</p>
          <button type="button" class="button button--primary" data-action="sign-in">
            {ui.signIn}
          </button>
          <SignInPanel />
        </section>
      )}
      <p class="toast" role="status" data-toast />
    </Layout>
  );
}

function MySpace({ space }: { space: NonNullable<MePageProps['space']> }) {
  return (
    <div class="me" data-me>
      <section class="me-profile" aria-label={ui.nicknameLabel}>
        <span class="avatar" aria-hidden="true" data-avatar>
          {avatarLetter(space.nickname)}
        </span>
        <form class="me-profile__form" data-rename-form>
          <label for="me-nickname">{ui.nicknameLabel}</label>
          <span class="me-profile__row">
            <input id="me-nickname" name="nickname" type="text" value={space.nickname} autoComplete="nickname" maxLength={64} required aria-describedby="me-nickname-hint" />
            <button type="submit" class="button button--primary">
              {ui.save}
            </button>
          </span>
          <small id="me-nickname-hint">{ui.nicknameHint}</small>
          <p class="me-status" role="status" data-rename-status />
        </form>
      </section>
      <section aria-labelledby="me-notifications">
        <h2 id="me-notifications">{ui.notificationsHeading}</h2>
        {space.notifications.length === 0 ? (
          <p class="comments__empty">{ui.noNotifications}</p>
        ) : (
          <ul class="me-list">
            {space.notifications.map((n) => (
              <li key={`${n.kind}-${n.commentId}-${n.at.iso}`} class={n.unread ? 'me-item is-unread' : 'me-item'}>
                <p class="comment__meta">
                  <strong class="comment__author">{n.nickname}</strong>
                  <span>{n.kind === 'reply' ? ui.repliedToYou : ui.likedYourComment}</span>
                  <Time time={n.at} />
                  {n.unread && <span class="badge badge--new">{ui.newBadge}</span>}
                </p>
                <p class="comment__body">
                  <a href={n.href}>{n.body}</a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="me-comments">
        <h2 id="me-comments">{ui.myCommentsHeading}</h2>
        {space.comments.length === 0 ? (
          <p class="comments__empty">{ui.noMyComments}</p>
        ) : (
          <ul class="me-list" data-my-comments>
            {space.comments.map((c) => (
              <li key={c.id} class="me-item" data-comment-id={c.id}>
                <p class="comment__meta">
                  <span class={`badge badge--${c.status}`}>{ui.commentStatus[c.status]}</span>
                  {c.href ? <a href={c.href}>{c.articleTitle}</a> : <span>{ui.articleGone}</span>}
                  <Time time={c.createdAt} />
                </p>
                <p class="comment__body">
                  {c.replyToNickname && <span class="comment__reply-to">{`${ui.reply} @${c.replyToNickname}：`}</span>}
                  {c.body}
                </p>
                {c.rejectionReason && (
                  <p class="me-item__reason">
                    {ui.rejectionReason}
                    {c.rejectionReason}
                  </p>
                )}
                <p class="comment__actions">
                  <button type="button" class="link-button" data-action="delete-comment">
                    {ui.deleteComment}
                  </button>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="me-sign-out">
        <p class="sign-in__buttons">
          <button type="button" class="button" data-action="sign-out">
            {ui.signOut}
          </button>
          <button type="button" class="button" data-action="sign-out-everywhere" aria-describedby="me-sign-out-hint">
            {ui.signOutEverywhere}
          </button>
        </p>
        <small id="me-sign-out-hint">{ui.signOutEverywhereHint}</small>
      </section>
    </div>
  );
}
