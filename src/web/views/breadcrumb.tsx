import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';

export interface Crumb {
  name: string;
  href?: string;
}

export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav class="breadcrumb" aria-label={ui.breadcrumb}>
      <span class="breadcrumb__label">{ui.breadcrumb}：</span>
      <ol>
        {crumbs.map((c, i) => (
          <li key={i}>{c.href ? <a href={c.href}>{c.name}</a> : <span aria-current="page">{c.name}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}
