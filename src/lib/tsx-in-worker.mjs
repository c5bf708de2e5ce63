// Loaded with --import into worker threads when bendi runs as TypeScript (tsx):
// tsx's own `--import tsx` registers its loader on the main thread only on Node 20,
// so a worker registers it here, through tsx's API, before it loads its .ts module.
import { register } from 'tsx/esm/api';

register();
