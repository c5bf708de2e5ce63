
export interface StoredCopy {
  payload: Record<string, unknown>;
  leadImage: { id: number; url: string; alt: string } | null;
  savedAt: number;
}

/**
 * An article's unsaved state in localStorage, under one key per article
 * (`new` before the server has given it a number). Storage can be full or
 * switched off (private browsing); then this quietly keeps nothing.
 */
export class LocalCopy {
  constructor(private id: number | undefined) {}

  private get key(): string {
    return `bendi:article:${this.id ?? 'new'}`;
  }

  save(payload: StoredCopy['payload'], leadImage: StoredCopy['leadImage']): void {
    try {
      localStorage.setItem(this.key, JSON.stringify({ payload, leadImage, savedAt: Date.now() } satisfies StoredCopy));
    } catch {
      // Nothing else can be done: the server copy is the only one then.
    }
  }

  load(): StoredCopy | undefined {
    try {
      const text = localStorage.getItem(this.key);
      return text ? (JSON.parse(text) as StoredCopy) : undefined;
    } catch {
      return undefined;
    }
  }

  drop(): void {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // As above.
    }
  }

  /** A new article got its number: its copy moves to the article's own key. */
  moveTo(id: number): void {
    const copy = this.load();
    this.drop();
    this.id = id;
    if (copy) this.save(copy.payload, copy.leadImage);
  }
}
