/**
 * Flat illustrations for the demo portal, drawn as SVG and encoded to JPEG.
 * The SVGs hold no text, so rendering never depends on installed fonts.
 * The same spec always yields the same bytes: all variation is seeded from spec.key.
 */
import { loadSharp } from '../media/index.js';
import type { DemoImageSpec } from './demo-content.types.js';

/** Site-wide pictures: the WeChat QR stand-ins under every article and the logo. */
export const demoSiteImages: DemoImageSpec[] = [
  { key: 'site-wechat-qr', alt: '青溪生活网微信公众号二维码', scene: 'qr-badge', hue: '#1f4e6b' },
  { key: 'site-service-qr', alt: '青溪生活网微信客服号二维码', scene: 'qr-badge', hue: '#2f6b3f' },
  { key: 'site-logo', alt: '青溪生活网标志', scene: 'river', hue: '#2f6f8f' },
];

/** Scenes are drawn on this canvas, then scaled to cover the requested size. */
const W = 960;
const H = 540;

type Rng = () => number;
type Draw = (hue: string, rnd: Rng) => string;

/** FNV-1a hash of the key feeding mulberry32: a small deterministic PRNG. */
function seeded(key: string): Rng {
  let a = 2166136261;
  for (const ch of key) a = Math.imul(a ^ ch.codePointAt(0)!, 16777619);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly [T, ...T[]], rnd: Rng): T {
  return items[Math.floor(rnd() * items.length)] ?? items[0];
}

/** Blends two '#rrggbb' colours; t = 0 gives `hex`, t = 1 gives `target`. */
function mix(hex: string, target: string, t: number): string {
  const channel = (h: string, i: number) => parseInt(h.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(channel(hex, i) * (1 - t) + channel(target, i) * t));
  return '#' + out.map((v) => v.toString(16).padStart(2, '0')).join('');
}
const light = (hex: string, t: number) => mix(hex, '#ffffff', t);
const dark = (hex: string, t: number) => mix(hex, '#000000', t);

const rect = (x: number, y: number, w: number, h: number, fill: string, extra = '') =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}" ${extra}/>`;
const circle = (cx: number, cy: number, r: number, fill: string, extra = '') =>
  `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" ${extra}/>`;
const path = (d: string, fill: string, extra = '') => `<path d="${d}" fill="${fill}" ${extra}/>`;
const r1 = (v: number) => Math.round(v * 10) / 10;

/** Vertical gradient sky with a pale sun placed by the seed. */
function sky(hue: string, rnd: Rng, top = 0.55, bottom = 0.92): string {
  const grad = `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">` +
    `<stop offset="0" stop-color="${light(hue, top)}"/><stop offset="1" stop-color="${light(hue, bottom)}"/></linearGradient></defs>`;
  return grad + rect(0, 0, W, H, 'url(#sky)') + circle(r1(150 + rnd() * 660), r1(80 + rnd() * 50), 46, '#fff7df', 'opacity="0.9"');
}

/** A smooth hill line at height y (±amp), filled down to the bottom edge. */
function ridge(y: number, amp: number, rnd: Rng, fill: string): string {
  const at = (i: number) => ({ x: i * (W / 8) - 60, y: r1(y + (rnd() - 0.5) * 2 * amp) });
  let prev = at(0);
  let d = `M-60,${H} L${prev.x},${prev.y}`;
  for (let i = 1; i < 10; i++) {
    const next = at(i);
    if (i > 1) d += ` Q${prev.x},${prev.y} ${r1((prev.x + next.x) / 2)},${r1((prev.y + next.y) / 2)}`;
    prev = next;
  }
  return path(d + ` L${W + 60},${H} Z`, fill);
}

function tree(x: number, base: number, size: number, hue: string): string {
  return rect(r1(x - size * 0.07), r1(base - size * 0.55), r1(size * 0.14), r1(size * 0.55), dark(hue, 0.55)) +
    circle(r1(x), r1(base - size * 0.75), r1(size * 0.38), dark(hue, 0.15));
}

/** Rows × cols of equal boxes, e.g. windows. */
function grid(x: number, y: number, cols: number, rows: number, w: number, h: number, gap: number, fill: string): string {
  let out = '';
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out += rect(x + c * (w + gap), y + r * (h + gap), w, h, fill);
  return out;
}

const scenes: Record<Exclude<DemoImageSpec['scene'], 'qr-badge'>, Draw> = {
  river: (hue, rnd) =>
    sky(hue, rnd) + ridge(250, 40, rnd, light(hue, 0.55)) + ridge(310, 25, rnd, light(hue, 0.35)) +
    rect(0, 340, W, 200, mix(light(hue, 0.3), '#7fae6a', 0.5)) +
    path('M0,395 C260,370 620,430 960,385 L960,500 C620,530 300,470 0,505 Z', hue) +
    [430, 455, 480].map((y, i) => rect(140 + i * 230, y, 120 - i * 20, 4, light(hue, 0.6), 'rx="2"')).join('') +
    path('M250,350 Q480,300 710,350 L710,455 L640,455 A160,85 0 0 0 320,455 L250,455 Z', dark(hue, 0.35)) +
    path('M240,345 Q480,292 720,345', 'none', `stroke="${dark(hue, 0.6)}" stroke-width="10" stroke-linecap="round"`) +
    path('M320,455 A160,50 0 0 0 640,455 Z', dark(hue, 0.35), 'opacity="0.35"') +
    [80, 860].map((x) => tree(x, 380, 110, mix(hue, '#3f7f3a', 0.6))).join(''),

  hills: (hue, rnd) =>
    sky(hue, rnd) + [0.7, 0.5, 0.3, 0.1].map((t, i) => ridge(230 + i * 70, 60 - i * 8, rnd, light(hue, t))).join('') +
    [0, 1, 2].map((i) => path(`M${300 + i * 40},${120 + i * 12} q12,-10 24,0 q12,-10 24,0`, 'none', `stroke="${dark(hue, 0.5)}" stroke-width="3"`)).join(''),

  market: (hue, rnd) => {
    const goods: [string, ...string[]] = [light(hue, 0.3), '#e8b04a', '#d9583b', '#7fb04a', '#f0d9a8'];
    let stalls = '';
    for (let s = 0; s < 4; s++) {
      const x = 40 + s * 230;
      const stripes = [0, 1, 2, 3, 4].map((i) => rect(x + i * 40, 210, 40, 55, i % 2 ? '#fbf6ec' : hue)).join('');
      const scallops = [0, 1, 2, 3, 4].map((i) => circle(x + 20 + i * 40, 265, 20, i % 2 ? '#fbf6ec' : hue)).join('');
      const items = [0, 1, 2, 3, 4, 5].map((i) => circle(x + 25 + i * 30, 352, 14, pick(goods, rnd))).join('');
      stalls += rect(x + 6, 260, 8, 120, dark(hue, 0.5)) + rect(x + 186, 260, 8, 120, dark(hue, 0.5)) +
        stripes + scallops + items + rect(x - 5, 365, 210, 75, dark(hue, 0.3), 'rx="6"');
    }
    return sky(hue, rnd) + grid(0, 120, 6, 1, 150, 300, 12, light(hue, 0.7)) + rect(0, 420, W, 120, light(hue, 0.8)) + stalls;
  },

  school: (hue, rnd) =>
    sky(hue, rnd) + rect(0, 430, W, 110, mix(light(hue, 0.5), '#8fbf6a', 0.6)) +
    rect(170, 230, 620, 205, mix(hue, '#f4ead6', 0.8)) + rect(160, 215, 640, 22, dark(hue, 0.2)) +
    grid(195, 260, 4, 3, 38, 36, 24, light(hue, 0.75)) + grid(583, 260, 4, 3, 38, 36, 24, light(hue, 0.75)) +
    rect(410, 150, 140, 285, mix(hue, '#f4ead6', 0.65)) + path('M395,155 L480,100 L565,155 Z', dark(hue, 0.2)) +
    circle(480, 200, 26, '#fbf6ec', `stroke="${dark(hue, 0.3)}" stroke-width="5"`) +
    rect(448, 350, 64, 85, dark(hue, 0.35)) + rect(395, 430, 170, 12, light(hue, 0.6)) +
    rect(870, 190, 6, 250, '#9aa0a6') + rect(876, 192, 62, 40, hue) +
    [60, 120, 835].map((x) => tree(x, 440, 120, mix(hue, '#3f7f3a', 0.7))).join(''),

  factory: (hue, rnd) => {
    const smoke = [0, 1].map((c) => [0, 1, 2].map((i) => circle(r1(245 + c * 170 + i * 34 + rnd() * 10), 110 - i * 36, 22 + i * 9, '#ffffff', 'opacity="0.75"')).join('')).join('');
    return sky(hue, rnd) + ridge(300, 30, rnd, light(hue, 0.6)) + rect(0, 440, W, 100, light(hue, 0.45)) + smoke +
      [0, 1].map((c) => rect(220 + c * 170, 130, 50, 200, dark(hue, 0.25)) + rect(220 + c * 170, 150, 50, 14, light(hue, 0.8))).join('') +
      path('M120,440 L120,300 L240,240 L240,300 L360,240 L360,300 L480,240 L480,300 L600,240 L600,440 Z', hue) +
      rect(600, 280, 240, 160, dark(hue, 0.15)) + grid(150, 340, 7, 2, 44, 28, 20, light(hue, 0.75)) +
      grid(630, 310, 4, 3, 36, 26, 16, light(hue, 0.75)) + rect(350, 380, 90, 60, dark(hue, 0.5));
  },

  festival: (hue, rnd) => {
    const night = dark(mix(hue, '#1d2b5a', 0.6), 0.45);
    const stars = Array.from({ length: 40 }, () => circle(r1(rnd() * W), r1(rnd() * 260), r1(1 + rnd() * 1.8), '#fff6d0')).join('');
    const lantern = (x: number, y: number, s: number) =>
      circle(x, y, s * 1.6, light(hue, 0.5), 'opacity="0.25"') + rect(x - s * 0.5, y - s * 1.15, s, s * 0.3, '#e8b04a') +
      `<ellipse cx="${x}" cy="${y}" rx="${s * 1.05}" ry="${s * 0.9}" fill="${hue}"/>` +
      `<ellipse cx="${x}" cy="${y}" rx="${s * 0.45}" ry="${s * 0.9}" fill="${light(hue, 0.3)}" opacity="0.6"/>` +
      rect(x - s * 0.5, y + s * 0.85, s, s * 0.3, '#e8b04a') + rect(x - 1.5, y + s * 1.15, 3, s * 0.8, '#e8b04a');
    const string = (y0: number, sag: number, n: number, s: number) => {
      let out = path(`M-20,${y0} Q480,${y0 + sag * 2} 980,${y0}`, 'none', `stroke="${light(hue, 0.2)}" stroke-width="2"`);
      for (let i = 1; i <= n; i++) {
        const t = i / (n + 1);
        out += lantern(r1(-20 + t * 1000), r1(y0 + 4 * sag * t * (1 - t) + s * 1.1), s);
      }
      return out;
    };
    const house = (x: number, w: number, h: number) =>
      rect(x, H - h, w, h, dark(night, 0.5)) + path(`M${x - 22},${H - h} Q${x + 8},${H - h - 6} ${x + 14},${H - h - 34} L${x + w - 14},${H - h - 34} Q${x + w - 8},${H - h - 6} ${x + w + 22},${H - h} Z`, dark(night, 0.6)) +
      rect(x + w / 2 - 14, H - h + 24, 28, 22, '#f3c65a', 'opacity="0.8"');
    return rect(0, 0, W, H, night) + stars + circle(820, 90, 40, '#fff3c4') + string(60, 70, 6, 32) + string(200, 50, 8, 22) +
      [0, 1, 2, 3, 4].map((i) => house(20 + i * 200, 150, r1(70 + rnd() * 40))).join('');
  },

  road: (hue, rnd) => {
    let trees = '';
    for (let i = 0; i < 6; i++) {
      const t = (i + 1) / 6;
      const y = 320 + t * t * 220;
      trees += tree(r1(440 - t * 420 - 30), r1(y), r1(40 + t * 150), mix(hue, '#3f7f3a', 0.6));
      trees += tree(r1(520 + t * 420 + 30), r1(y), r1(40 + t * 150), mix(hue, '#3f7f3a', 0.6));
    }
    const dashes = [0, 1, 2, 3, 4].map((i) => {
      const t = (i + 0.5) / 5;
      return rect(r1(478 - t * 5), r1(320 + t * t * 220), r1(4 + t * 10), r1(8 + t * 26), '#fbf6ec');
    }).join('');
    return sky(hue, rnd) + ridge(300, 25, rnd, light(hue, 0.5)) + rect(0, 318, W, 222, mix(light(hue, 0.4), '#8fbf6a', 0.55)) +
      path('M455,318 L505,318 L880,540 L80,540 Z', '#6f747c') + dashes + trees;
  },

  tea: (hue, rnd) => {
    let bands = '';
    for (let i = 0; i < 6; i++) {
      const y = 250 + i * 50;
      bands += ridge(y, 14, rnd, light(hue, 0.45 - i * 0.08));
      bands += Array.from({ length: 12 }, (_, k) =>
        `<ellipse cx="${k * 88 + (i % 2) * 44}" cy="${y + 16}" rx="${34 + i * 2}" ry="${12 + i * 1.5}" fill="${dark(hue, 0.1 + i * 0.04)}"/>`).join('');
    }
    return sky(hue, rnd) + ridge(200, 40, rnd, light(hue, 0.65)) + bands;
  },

  portrait: (hue, rnd) =>
    sky(hue, rnd, 0.8, 0.5) + [0, 1, 2].map(() => circle(r1(rnd() * W), r1(rnd() * H), r1(60 + rnd() * 90), light(hue, 0.9), 'opacity="0.5"')).join('') +
    path('M290,540 C290,400 370,345 480,345 C590,345 670,400 670,540 Z', dark(hue, 0.35)) +
    rect(450, 290, 60, 70, dark(hue, 0.4)) + circle(480, 225, 88, dark(hue, 0.35)) +
    path('M440,352 L480,420 L520,352 Z', light(hue, 0.85)),
};

/** A QR-code-like badge: three finder squares and a seeded module pattern, 25 × 25 modules. */
function qrBadge(hue: string, rnd: Rng): string {
  const n = 25;
  const m = 3;
  const ink = dark(hue, 0.55);
  const isReserved = (x: number, y: number) =>
    (x < 8 && y < 8) || (x >= n - 8 && y < 8) || (x < 8 && y >= n - 8) || (Math.abs(x - 12) <= 2 && Math.abs(y - 12) <= 2);
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (!isReserved(x, y) && rnd() < 0.5) d += `M${x * m},${y * m}h${m}v${m}h-${m}z`;
  const finder = (x: number, y: number) =>
    rect(x * m, y * m, 7 * m, 7 * m, ink) + rect((x + 1) * m, (y + 1) * m, 5 * m, 5 * m, '#ffffff') + rect((x + 2) * m, (y + 2) * m, 3 * m, 3 * m, ink);
  return rect(2, 2, 96, 96, '#ffffff', `rx="8" stroke="${hue}" stroke-width="3"`) +
    `<g transform="translate(12.5 12.5)">${path(d, ink)}${finder(0, 0)}${finder(n - 7, 0)}${finder(0, n - 7)}` +
    rect(10.5 * m, 10.5 * m, 4 * m, 4 * m, hue, 'rx="2"') + circle(12.5 * m, 12.5 * m, m, '#ffffff') + '</g>';
}

function toSvg(spec: DemoImageSpec, width: number, height: number): string {
  const rnd = seeded(spec.key);
  const open = (viewBox: string, fit: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${viewBox}" preserveAspectRatio="${fit}">`;
  if (spec.scene === 'qr-badge') {
    // Centre the square badge on a pale backdrop whatever the output's aspect ratio.
    const scale = Math.min(width, height) / 100;
    const [vw, vh] = [width / scale, height / scale];
    const [vx, vy] = [(100 - vw) / 2, (100 - vh) / 2];
    return open(`${vx} ${vy} ${vw} ${vh}`, 'xMidYMid meet') + rect(vx, vy, vw, vh, light(spec.hue, 0.9)) + qrBadge(spec.hue, rnd) + '</svg>';
  }
  return open(`0 0 ${W} ${H}`, 'xMidYMid slice') + scenes[spec.scene](spec.hue, rnd) + '</svg>';
}

/**
 * Draws `spec` at width × height pixels and returns JPEG bytes.
 * Scenes cover the frame (cropping the 16:9 drawing if needed); QR badges are centred and never cropped.
 */
export async function renderDemoImage(spec: DemoImageSpec, width = 960, height = 540): Promise<Buffer> {
  const sharp = await loadSharp();
  return sharp(Buffer.from(toSvg(spec, width, height)))
    .jpeg({ quality: 78, mozjpeg: true })
    .toBuffer();
}
