/**
 * Characters that show nothing by themselves: those Unicode says a renderer
 * ignores (zero-width ones, bidi controls, variation selectors, tag
 * characters, the Hangul fillers U+3164 and U+FFA0, which fonts draw blank),
 * spaces of every kind, combining marks with no letter to sit on, and the
 * blank braille pattern U+2800, which is a symbol but drawn empty.
 */
const SHOWS_NOTHING = /[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{M}\u2800]/gu;

/** Whether a reader would see anything of the text: a comment of fillers alone is empty, though it is not ''. */
export function hasVisibleText(text: string): boolean {
  return text.replace(SHOWS_NOTHING, '') !== '';
}

/**
 * Characters no name needs that make one look like another or like nothing:
 * controls, format characters (bidi overrides reorder the text around the
 * name, zero-width ones slip through reserved words: 管\u200B理员), and the
 * default-ignorable fillers (管\u3164理员 reads as 管理员). The zero-width
 * joiner and the emoji variation selector stay, which emoji (👨‍👩‍👧, ❤️) are
 * made with.
 */
export const INVISIBLE_IN_NAMES = /(?![\u200D\uFE0F])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;
