import type { ScreenResult } from '../text/index.js';

/** Screens reader text with the site's lexicon; commands take it so they stay free of the lexicon's loading. */
export type ScreenText = (text: string) => ScreenResult;
