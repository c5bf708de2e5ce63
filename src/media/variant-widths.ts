/** Widths a page asks for through srcset: phone, tablet or column, and a sharp full-width picture. */
const VARIANT_WIDTHS = [480, 960, 1600];

/**
 * WebP keeps each side in 14 bits, so libwebp refuses a picture taller than
 * this. Only a long image (长图, a whole poster or chat in one picture) comes
 * near it: 600×17000 is an everyday one. No copy is wider than 1600 px.
 */
export const WEBP_MAX_SIDE = 16383;

/** The widest copy srcset offers: the image's own width, or the widest standard one when the image is wider. */
export const widestVariantWidth = (width: number): number => Math.min(width, VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!);

/**
 * The widths to make: the standard ones narrower than the image, then the
 * image's own width (capped at the widest), so srcset always covers it and
 * nothing is enlarged; but none that would be taller than WebP allows, which
 * leaves a long image fewer copies or none (srcsetFor then lists the
 * original). `height` is that of one frame. 1000×800 → 480, 960, 1000;
 * 300×200 → 300; 600×17000 → 480, since 600 px wide would be 17000 px tall.
 */
export function variantWidths(width: number, height: number): number[] {
  const widest = widestVariantWidth(width);
  // Rounded up: sharp rounds the height it computes, and one pixel over is a refusal.
  const fitsWebp = (w: number) => Math.ceil((height * w) / width) <= WEBP_MAX_SIDE;
  return [...VARIANT_WIDTHS.filter((w) => w < widest), widest].filter(fitsWebp);
}
