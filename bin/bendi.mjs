#!/usr/bin/env node
// The `bendi` command: the compiled CLI in dist/, built by `npm install` (or `npm run build`).
await import('../dist/cli/main.js');
