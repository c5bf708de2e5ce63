import QRCode from 'qrcode';

const MAX_KEPT = 5000;
const svgByUrl = new Map<string, Promise<string>>();

/**
 * The SVG QR code of an article's address for the WeChat share panel. The
 * same address always gives the same code, and drawing it costs more than a
 * page's database queries, so each one is drawn once (bounded, oldest first).
 */
export function shareQrSvg(url: string): Promise<string> {
  let svg = svgByUrl.get(url);
  if (!svg) {
    svg = QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    if (svgByUrl.size >= MAX_KEPT) svgByUrl.delete(svgByUrl.keys().next().value!);
    svgByUrl.set(url, svg);
    svg.catch(() => svgByUrl.delete(url));
  }
  return svg;
}
