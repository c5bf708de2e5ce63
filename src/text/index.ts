export { KEEP_SCRIPT_END, KEEP_SCRIPT_START, type Script, toTraditional } from './chinese-script.js';
