import QRCode from 'qrcode';

/**
 * The SVG QR code of an article's address for the WeChat share panel. Drawing
 * one takes some 3 ms, more than the rest of an article page, so it is an image
 * of its own (paths.articleQr), drawn when a reader opens the panel and kept
 * by the page cache and the browser, not drawn into every page rendered.
 */
export function shareQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}
