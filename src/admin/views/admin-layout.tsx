import { type ComponentChildren, jsx } from '../../lib/jsx.js';
import { am } from './admin-messages.js';
import type { AdminChrome } from './admin-model.js';

/**
 * The frame of every admin page. The CSRF token is in a meta tag for the
 * scripts, which send it with every change they make through the API.
 */
export function AdminLayout({ chrome, wide, children }: { chrome: AdminChrome; wide?: boolean; children: ComponentChildren }) {
  return (
    <html lang="zh-Hans">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="csrf-token" content={chrome.csrfToken} />
        <title>{`${chrome.title} - ${am.adminArea} - ${chrome.siteName}`}</title>
        {/* No icon of its own: this keeps browsers from asking for /favicon.ico on every page. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={chrome.assets.css} />
        <script type="module" src={chrome.assets.js} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {am.skipToMain}
        </a>
        <AdminHeader chrome={chrome} />
        <main id="main" tabIndex={-1} class={wide ? 'admin-main admin-main--wide' : 'admin-main'}>
          <noscript>
            <p class="notice notice--error">{am.noScript}</p>
          </noscript>
          <h1 class="admin-title">{chrome.title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

function AdminHeader({ chrome }: { chrome: AdminChrome }) {
  return (
    <header class="admin-header">
      <div class="admin-header__bar">
        <a class="admin-brand" href={chrome.user ? '/admin' : '/'}>
          {chrome.siteName}
          <span class="admin-brand__area">{am.adminArea}</span>
        </a>
        {chrome.user && (
          <div class="admin-user">
            <span class="admin-user__name">{am.signedInAs(chrome.user.displayName, chrome.user.roleName)}</span>
            <button type="button" class="button button--quiet" data-sign-out>
              {am.signOut}
            </button>
          </div>
        )}
      </div>
      {chrome.nav.length > 0 && (
        <nav class="admin-nav" aria-label={am.mainNav}>
          <ul>
            {chrome.nav.map((item) => (
              <li key={item.href}>
                <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                  {item.label}
                  {item.badge ? <NavBadge {...item.badge} /> : null}
                </a>
              </li>
            ))}
            <li>
              <a href="/" target="_blank" rel="noopener">
                {am.viewSite}
              </a>
            </li>
          </ul>
        </nav>
      )}
    </header>
  );
}

/** "99+" at most on the badge; screen readers hear the whole number. */
function NavBadge({ count, label }: { count: number; label: string }) {
  return (
    <span class="nav-badge">
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
      <span class="visually-hidden">{label}</span>
    </span>
  );
}

/** 403 and 404 inside the admin area: what happened and the way back, in the admin's own frame. */
export function AdminMessagePage({ chrome, message }: { chrome: AdminChrome; message: string }) {
  return (
    <AdminLayout chrome={chrome}>
      <p>{message}</p>
      <p>
        <a class="button" href="/admin">
          {am.pages.backToList}
        </a>
      </p>
    </AdminLayout>
  );
}
