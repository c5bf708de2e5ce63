import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';
import { TABLE_EXTENSIONS } from './body-table.js';
import { ImageMarks } from './image-marks.js';
import { pastedContent } from './paste-cleaning.js';

const WEB_LINK = /^https?:\/\/\S+$/i;

/** Body images keep the srcset the upload made, so phones load a small copy. */
const BodyImage = Image.extend({
  addAttributes() {
    return { ...this.parent?.(), srcset: { default: null }, sizes: { default: null } };
  },
});

/**
 * The rich-text body: paragraphs, two heading levels, bold, italic, lists,
 * quotes, web links, images and tables, which is what the server's sanitizer keeps.
 * Code blocks and the like are left out: a newsroom has no use for them, and
 * anything offered here that the server would strip would be lost on save.
 */
export function mountBodyEditor(options: {
  element: HTMLElement;
  html: string;
  editable: boolean;
  labelledBy: string;
  describedBy: string;
  onChange: () => void;
  /** A paste of markup or of a whole text: the server cleans it before it enters the body. */
  onPaste: (content: { html: string } | { text: string }) => void;
}): Editor {
  return new Editor({
    element: options.element,
    content: options.html,
    editable: options.editable,
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3] },
        code: false,
        codeBlock: false,
        horizontalRule: false,
        strike: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          // Pasted or typed javascript: and data: links never become links.
          isAllowedUri: (url: string) => WEB_LINK.test(url),
        },
      }),
      BodyImage.configure({ inline: false, allowBase64: false }),
      ...TABLE_EXTENSIONS,
      ImageMarks,
    ],
    editorProps: {
      handlePaste: (_view, event) => {
        const content = pastedContent(event.clipboardData);
        if (!content) return false;
        options.onPaste(content);
        return true;
      },
      attributes: {
        class: 'editor__prose',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': options.labelledBy,
        'aria-describedby': options.describedBy,
        ...(options.editable ? {} : { 'aria-readonly': 'true' }),
      },
    },
    onUpdate: options.onChange,
  });
}

export function isWebLink(text: string): boolean {
  return WEB_LINK.test(text);
}
