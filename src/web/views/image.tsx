import { jsx } from '../../lib/jsx.js';
import type { ImageRef } from './page-model.js';

export function Image({ image, eager, className, sizes }: { image: ImageRef; eager?: boolean; className?: string; sizes?: string }) {
  return (
    <img
      class={className}
      src={image.src}
      srcset={image.srcset}
      width={image.width}
      height={image.height}
      alt={image.alt}
      sizes={image.srcset ? (sizes ?? '100vw') : undefined}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}
