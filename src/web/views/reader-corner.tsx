import { jsx } from '../../lib/jsx.js';
import type { Script } from '../../text/index.js';
import { ui } from '../messages.js';
import { inScript, paths } from '../urls.js';

/**
 * The reader's corner of the header: 我的, with the signed-in reader's
 * avatar letter and unread count filled in by the page's script from
 * GET /api/me, so every page stays the same for everyone and cacheable.
 */
export function ReaderCorner({ script }: { script: Script }) {
  return (
    <a class="reader-corner" href={inScript(paths.me(), script)} data-reader-corner>
      <span class="avatar avatar--small" aria-hidden="true" data-avatar hidden />
      {ui.me}
      {/* The count is shown; the words after it are for screen readers, and in the page's script (简/繁). */}
      <span class="unread-badge" data-unread hidden />
      <span class="visually-hidden" data-unread-words hidden>
        {ui.unreadWords}
      </span>
    </a>
  );
}
