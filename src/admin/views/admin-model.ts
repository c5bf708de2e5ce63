/** What every admin page shows around its content; built by the route, never by a view. */
export interface AdminChrome {
  siteName: string;
  /** Page title, also the h1. */
  title: string;
  /** Undefined on the sign-in page. */
  user: { displayName: string; roleName: string } | undefined;
  nav: AdminNavItem[];
  csrfToken: string;
  assets: { css: string; js: string };
}

export interface AdminNavItem {
  href: string;
  label: string;
  current: boolean;
  /** Work waiting behind the link (comments to moderate, articles to review), and how a screen reader says it. */
  badge?: { count: number; label: string };
}

export interface SelectOption {
  value: string;
  label: string;
}

/** An uploaded image as a picker shows it. */
export interface PickedImage {
  id: number;
  url: string;
  alt: string;
}
