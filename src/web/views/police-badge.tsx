import { jsx } from '../../lib/jsx.js';
/**
 * The 公安备案 badge, drawn here instead of loaded from the MPS site: pages
 * load nothing from other hosts. Decorative; the filing number beside it is the text.
 */
export function PoliceBadge() {
  return (
    <svg class="police-badge" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M10 1 3 4v5c0 4.4 3 8.3 7 9.9 4-1.6 7-5.5 7-9.9V4z" fill="#1d4fa0" />
      <path d="m10 5 1.3 2.7 3 .4-2.2 2.1.5 3L10 11.8l-2.6 1.4.5-3-2.2-2.1 3-.4z" fill="#f4c430" />
    </svg>
  );
}
