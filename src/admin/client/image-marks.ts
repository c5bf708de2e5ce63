import { Extension, type Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** How an image is marked: being fetched, failed to fetch, or still without 图片说明. */
export type ImageMark = 'fetching' | 'fetch-failed' | 'needs-alt';

const key = new PluginKey<DecorationSet>('imageMarks');

/**
 * Marks on body images that are the editor's business only: decorations,
 * so they never reach the saved body and follow their image as the text
 * around it changes.
 */
export const ImageMarks = Extension.create({
  name: 'imageMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, marks) => (tr.getMeta(key) as DecorationSet | undefined) ?? marks.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});

export interface BodyImageNode {
  pos: number;
  node: PmNode;
}

/** The body's images in document order: the server's image index N is the Nth of these. */
export function bodyImages(editor: Editor): BodyImageNode[] {
  const images: BodyImageNode[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === 'image') images.push({ pos, node });
  });
  return images;
}

/** Sets (or, with `mark` undefined, clears) the mark of the images at these positions; other marks stay. */
export function markImages(editor: Editor, images: readonly BodyImageNode[], mark: ImageMark | undefined, title = ''): void {
  const { state } = editor;
  let marks = key.getState(state) ?? DecorationSet.empty;
  for (const { pos, node } of images) {
    marks = marks.remove(marks.find(pos, pos + node.nodeSize));
    if (mark) marks = marks.add(state.doc, [Decoration.node(pos, pos + node.nodeSize, { class: `editor__image--${mark}`, title }, { mark })]);
  }
  editor.view.dispatch(state.tr.setMeta(key, marks));
}

/** Clears one kind of mark from every image. */
export function clearImageMarks(editor: Editor, mark: ImageMark): void {
  const marks = key.getState(editor.state) ?? DecorationSet.empty;
  const stale = marks.find(undefined, undefined, (spec: { mark?: ImageMark }) => spec.mark === mark);
  editor.view.dispatch(editor.state.tr.setMeta(key, marks.remove(stale)));
}

/**
 * After a save refused for images without 图片说明: marks each of them
 * (1-based places, as the server counts) and, when asked, selects the
 * first, scrolled into view, so the toolbar's 图片说明 button edits it.
 */
export function pointAtImagesWithoutAlt(editor: Editor, places: readonly number[], title: string, { select }: { select: boolean }): void {
  const images = bodyImages(editor);
  const missing = places.flatMap((place) => images[place - 1] ?? []);
  markImages(editor, missing, 'needs-alt', title);
  const [first] = missing;
  // An autosave only marks them: moving the selection would pull the person away from what they are typing.
  if (first && select) editor.chain().focus().setNodeSelection(first.pos).scrollIntoView().run();
}
