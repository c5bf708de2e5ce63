import { loadSharp, queueImageWork } from './image-queue.js';
import { IMAGE_TIMEOUT_SECONDS } from './encode-image.js';

/**
 * The icon of a site that has no logo yet: a red tile with a folded
 * newspaper, drawn in shapes only (text would depend on the fonts the
 * server happens to have).
 */
const DEFAULT_ICON_SVG = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
  <rect width="64" height="64" rx="12" fill="#b3261e"/>
  <rect x="14" y="14" width="36" height="36" rx="3" fill="#fff"/>
  <rect x="19" y="20" width="26" height="6" fill="#b3261e"/>
  <rect x="19" y="30" width="12" height="14" fill="#b3261e" opacity=".45"/>
  <rect x="34" y="30" width="11" height="3" fill="#b3261e" opacity=".7"/>
  <rect x="34" y="36" width="11" height="3" fill="#b3261e" opacity=".7"/>
  <rect x="34" y="42" width="11" height="2" fill="#b3261e" opacity=".7"/>
</svg>`,
);

/**
 * Square PNG icons of the given sizes from a logo (any format sharp reads),
 * or from the default icon when there is no logo. A logo that is not square
 * is fitted inside on a transparent ground, never cropped. Each resize waits
 * its turn in the image queue, off the event loop like every image job.
 */
export async function renderSquareIcons(logo: Buffer | undefined, sizes: readonly number[]): Promise<Map<number, Buffer>> {
  const sharp = await loadSharp();
  const source = logo ?? DEFAULT_ICON_SVG;
  const icons = await Promise.all(
    sizes.map((size) =>
      queueImageWork(() =>
        sharp(source, { failOn: 'error', ...(logo ? {} : { density: 384 }) })
          .timeout({ seconds: IMAGE_TIMEOUT_SECONDS })
          .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
          // A palette of at most 256 colours is plenty for a logo and a quarter of the bytes (192 px: 42 → 11 KB),
          // and a phone fetches these when it offers to install the site.
          .png({ palette: true, compressionLevel: 9 })
          .toBuffer(),
      ),
    ),
  );
  return new Map(sizes.map((size, i) => [size, icons[i]!]));
}
