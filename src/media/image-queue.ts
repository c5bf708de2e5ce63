import pLimit from 'p-limit';

/**
 * sharp runs each operation on one of libuv's threads (four by default),
 * the same threads that read files for static images and stored media. Four
 * large uploads at once took all of them, and a static image waited 77 s.
 * At most two image operations run at once, the rest wait their turn here,
 * so file reads always find a free thread and memory stays bounded by two
 * decoded images.
 */
export const IMAGE_JOBS = 2;
const limit = pLimit(IMAGE_JOBS);

type SharpModule = (typeof import('sharp'))['default'];
let loading: Promise<SharpModule> | undefined;

/**
 * sharp, loaded on the first image operation: libvips adds about 15 MB to the process,
 * which an instance that only serves pages never needs.
 */
export function loadSharp(): Promise<SharpModule> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // One libvips thread per operation: the queue above decides how much runs in parallel.
    sharp.concurrency(1);
    return sharp;
  });
  return loading;
}

/** Runs one sharp operation when its turn comes. Never nest: a queued job waiting for another would wait forever. */
export const queueImageWork = <T>(work: () => Promise<T>): Promise<T> => limit(work);
