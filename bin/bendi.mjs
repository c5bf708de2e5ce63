#!/usr/bin/env node
// The `bendi` command. bendi ships TypeScript sources and runs them through tsx,
// as `npm start` does; the project's tsconfig is named so the command works from any directory.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.ts');
