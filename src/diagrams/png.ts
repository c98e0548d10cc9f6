/**
 * SVG -> PNG with resvg (Rust, no browser), with the Japanese font shipped in node_modules so the picture
 * looks the same on every machine whatever fonts it has.
 */
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);
const FONT_FILES = ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf'].map((f) => require.resolve(`@expo-google-fonts/noto-sans-jp/${f}`));

/** Renders at `scale` times the SVG's own size (2 = sharp on high-density screens and in documents). */
export function svgToPng(svg: string, scale = 2): Buffer {
  // Loaded on the first PNG only: the native renderer is not needed by a server that never draws one.
  const { Resvg } = require('@resvg/resvg-js') as { Resvg: typeof ResvgClass };
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: 'Noto Sans JP' },
  });
  return resvg.render().asPng();
}
