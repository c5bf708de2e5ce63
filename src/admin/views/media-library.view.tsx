import type { ShownTime } from '../../lib/china-time.js';
import { jsx } from '../../lib/jsx.js';
import { Time } from '../../web/views/time.js';
import { AdminLayout } from './admin-layout.js';
import { am } from './admin-messages.js';
import type { AdminChrome, SelectOption } from './admin-model.js';
import { FormStatus, SelectField, TextField } from './form-fields.js';
import { Pagination, type PageLinks } from './pagination.js';

const l = am.library;

export interface LibraryCard {
  id: number;
  /** The narrowest copy that still fills the card, for the thumbnail. */
  thumbnail: { src: string; width: number; height: number };
  alt: string;
  fileName: string;
  size: string;
  uploader: string;
  uploadedAt: ShownTime;
  /** What uses the image (an article's title, 专题「…」, 广告「…」, 站点设置), linked when the person may change it there, and as what. */
  uses: Array<{ href?: string; label: string; places: string }>;
  canDelete: boolean;
}

export interface MediaLibraryProps {
  chrome: AdminChrome;
  filters: { q: string; type: string; uploaderId: string };
  types: SelectOption[];
  uploaders: SelectOption[];
  cards: LibraryCard[];
  total: number;
  pages: PageLinks;
  canEdit: boolean;
}

function Card({ card, canEdit }: { card: LibraryCard; canEdit: boolean }) {
  const id = (name: string) => `m${card.id}-${name}`;
  return (
    <li class="library-card">
      <img class="library-card__image" src={card.thumbnail.src} width={card.thumbnail.width} height={card.thumbnail.height} alt={card.alt} loading="lazy" decoding="async" />
      <form class="library-card__body" data-api-form data-method="PATCH" data-url={`/api/admin/media/${card.id}`} data-done={l.altSaved} novalidate>
        <p class="library-card__meta">
          <span class="library-card__file">{card.fileName}</span>
          <br />
          {card.size} · {card.uploader} · <Time time={card.uploadedAt} />
        </p>
        {canEdit ? (
          <TextField id={id('alt')} name="alt" label={l.alt} hint={l.altHint} value={card.alt} required maxLength={200} />
        ) : (
          <p>{card.alt}</p>
        )}
        <details class="library-card__uses">
          <summary>{l.uses(card.uses.length)}</summary>
          <ul>
            {card.uses.map((use) => (
              <li key={use.href ?? use.label}>
                {use.href ? <a href={use.href}>{use.label}</a> : use.label}（{use.places}）
              </li>
            ))}
          </ul>
        </details>
        <div class="button-row">
          {canEdit && (
            <button type="submit" class="button">
              {l.saveAlt}
            </button>
          )}
          {card.canDelete && (
            <button
              type="button"
              class="button button--danger"
              data-api-call
              data-method="DELETE"
              data-url={`/api/admin/media/${card.id}`}
              data-confirm={l.confirmDelete(card.alt)}
              disabled={card.uses.length > 0}
              title={card.uses.length > 0 ? l.cannotDelete : undefined}
            >
              {l.delete}
              <span class="visually-hidden">{card.alt}</span>
            </button>
          )}
        </div>
        <FormStatus />
      </form>
    </li>
  );
}

/** /admin/media: every uploaded image, searchable, with where it is used; its 说明 edited once for every use. */
export function MediaLibraryPage(props: MediaLibraryProps) {
  const { filters } = props;
  return (
    <AdminLayout chrome={props.chrome} wide>
      <form class="filters" method="get" action="/admin/media" role="search" aria-label={l.filters}>
        <TextField id="library-q" name="q" label={l.search} value={filters.q} maxLength={100} />
        <SelectField id="library-type" name="type" label={l.type} value={filters.type} options={[{ value: '', label: l.allTypes }, ...props.types]} />
        <SelectField id="library-uploader" name="uploaderId" label={l.uploader} value={filters.uploaderId} options={[{ value: '', label: l.allUploaders }, ...props.uploaders]} />
        <div class="filters__buttons">
          <button type="submit" class="button">
            {l.apply}
          </button>
          <a class="button button--quiet" href="/admin/media">
            {l.reset}
          </a>
        </div>
      </form>
      <p>{l.total(props.total)}</p>
      {props.cards.length === 0 ? (
        <p>{l.empty}</p>
      ) : (
        <ul class="library">
          {props.cards.map((card) => (
            <Card key={card.id} card={card} canEdit={props.canEdit} />
          ))}
        </ul>
      )}
      <Pagination links={props.pages} />
    </AdminLayout>
  );
}
