import type { ChainedCommands, Editor } from '@tiptap/core';
import { am } from '../views/admin-messages.js';
import { isWebLink } from './body-editor.js';
import { askText, askUpload } from './dialogs.js';

interface ToolbarCommand {
  run(editor: Editor): void | Promise<void>;
  /** For toggles: whether the selection has it (shown with aria-pressed). */
  active?(editor: Editor): boolean;
  /** Whether the button can do anything right now. */
  enabled?(editor: Editor): boolean;
}

const COMMANDS: Record<string, ToolbarCommand> = {
  h2: { run: (e) => void e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  h3: { run: (e) => void e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  bold: { run: (e) => void e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  italic: { run: (e) => void e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  bulletList: { run: (e) => void e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  orderedList: { run: (e) => void e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  blockquote: { run: (e) => void e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
  link: { run: editLink, active: (e) => e.isActive('link') },
  image: { run: insertImage },
  imageAlt: { run: editImageAlt, enabled: (e) => e.isActive('image') },
  insertTable: {
    run: (e) => void e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
    // No table inside a table: a reader's phone could not show it.
    enabled: (e) => !e.isActive('table'),
  },
  addRow: inTable((chain) => chain.addRowAfter()),
  deleteRow: inTable((chain) => chain.deleteRow()),
  addColumn: inTable((chain) => chain.addColumnAfter()),
  deleteColumn: inTable((chain) => chain.deleteColumn()),
  deleteTable: inTable((chain) => chain.deleteTable()),
  undo: { run: (e) => void e.chain().focus().undo().run(), enabled: (e) => e.can().undo() },
  redo: { run: (e) => void e.chain().focus().redo().run(), enabled: (e) => e.can().redo() },
};

/** A table command: enabled when the cursor is in a table and the command can run there. */
function inTable(command: (chain: ChainedCommands) => ChainedCommands): ToolbarCommand {
  return {
    run: (e) => void command(e.chain().focus()).run(),
    enabled: (e) => command(e.can().chain()).run(),
  };
}

/** A web link on the selection; an empty answer removes the link; with nothing selected the address itself becomes the text. */
async function editLink(editor: Editor): Promise<void> {
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const href = await askText({
    title: am.toolbar.linkTitle,
    label: am.toolbar.linkLabel,
    value: current || 'https://',
    check: (text) => (text === '' || isWebLink(text) ? undefined : am.toolbar.linkInvalid),
  });
  if (href === null) return void editor.commands.focus();
  const chain = editor.chain().focus().extendMarkRange('link');
  if (href === '') return void chain.unsetLink().run();
  if (editor.state.selection.empty && !current) {
    return void chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
  }
  chain.setLink({ href }).run();
}

async function insertImage(editor: Editor): Promise<void> {
  const image = await askUpload({ watermark: true });
  if (!image) return void editor.commands.focus();
  const attrs = {
    src: image.body.src,
    alt: image.alt,
    width: image.width,
    height: image.height,
    ...(image.body.srcset ? { srcset: image.body.srcset, sizes: '(max-width: 800px) 100vw, 760px' } : {}),
  };
  // An empty paragraph after the picture takes the cursor: typing on would otherwise replace the selected picture.
  editor.chain().focus().insertContent([{ type: 'image', attrs }, { type: 'paragraph' }]).run();
}

async function editImageAlt(editor: Editor): Promise<void> {
  if (!editor.isActive('image')) return void alert(am.toolbar.selectImageFirst);
  const alt = await askText({ title: am.toolbar.altTitle, label: am.upload.alt + am.required, value: (editor.getAttributes('image').alt as string | null) ?? '' });
  if (alt !== null) editor.chain().focus().updateAttributes('image', { alt }).run();
}

/** Wires the toolbar's buttons (data-command) to the editor and keeps their pressed and enabled states current. */
export function initToolbar(toolbar: HTMLElement, editor: Editor): void {
  const buttons = [...toolbar.querySelectorAll<HTMLButtonElement>('button[data-command]')];
  const refresh = () => {
    for (const button of buttons) {
      const command = COMMANDS[button.dataset.command!];
      if (command?.active) button.setAttribute('aria-pressed', String(command.active(editor)));
      if (command?.enabled) button.disabled = !command.enabled(editor);
    }
  };
  for (const button of buttons) {
    button.addEventListener('click', () => void COMMANDS[button.dataset.command!]?.run(editor));
  }
  editor.on('transaction', refresh);
  refresh();
}
