import { jsx } from '../../lib/jsx.js';
import { ui } from '../messages.js';
import { inScript, paths } from '../urls.js';
import { Layout } from './layout.js';
import type { SiteChrome } from './page-model.js';

/** Not-found and error pages: a heading, a sentence a person can act on, and the way home. */
export function MessagePage({ chrome, title, message }: { chrome: SiteChrome; title: string; message: string }) {
  return (
    <Layout chrome={chrome} meta={{ title, description: '', noindex: true }}>
      <section class="message-page">
        <h1 class="page-title">{title}</h1>
        <p>{message}</p>
        <p>
          <a class="button" href={inScript(paths.home(), chrome.script)}>
            {ui.backHome}
          </a>
        </p>
      </section>
    </Layout>
  );
}
