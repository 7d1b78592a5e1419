// Draws the demo clubs' covers (db/seed/covers/<club>.jpg) with Chromium, as JPEG: the seed stores
// them as uploaded covers. Run it again after changing a drawing: node scripts/draw-demo-covers.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const WIDTH = 1000;
const HEIGHT = 400;

/** Each club's colours and symbol: the same symbols as components/clubs/club-mark.tsx, drawn large. */
const CLUBS = {
  music: {
    from: '#be123c',
    to: '#7e22ce',
    symbol: 'M9 18V6l10-2v12M9 18a3 3 0 1 1-6 0 3 3 0 0 1 6 0Zm10-2a3 3 0 1 1-6 0 3 3 0 0 1 6 0Z',
    motif: Array.from({ length: 28 }, (_, i) => {
      const h = 40 + 120 * Math.abs(Math.sin(i * 0.7)) + 60 * Math.abs(Math.sin(i * 1.9));
      return `<rect x="${40 + i * 22}" y="${HEIGHT - 40 - h}" width="12" height="${h}" rx="6" fill="white" opacity="0.16"/>`;
    }).join(''),
  },
  film: {
    from: '#312e81',
    to: '#0f172a',
    symbol: 'M4 6h16v12H4zM4 10h16M8 6l2 4M13 6l2 4M18 6l2 4',
    motif: [0, 1].map((row) =>
      Array.from({ length: 26 }, (_, i) => `<rect x="${i * 40 + 10}" y="${row === 0 ? 24 : HEIGHT - 48}" width="22" height="24" rx="4" fill="white" opacity="0.18"/>`).join(''),
    ).join('') + '<circle cx="250" cy="200" r="170" fill="#fbbf24" opacity="0.14"/>',
  },
  gaming: {
    from: '#047857',
    to: '#0e7490',
    symbol: 'M7 9h10a4 4 0 0 1 3.9 4.9l-.6 2.5a2 2 0 0 1-3.4.9L15 15H9l-1.9 2.3a2 2 0 0 1-3.4-.9l-.6-2.5A4 4 0 0 1 7 9Zm1 2v3m-1.5-1.5h3M15.5 12h.01M17.5 13.5h.01',
    motif: Array.from({ length: 60 }, (_, i) => {
      const x = (i * 97) % 620;
      const y = (i * 53) % 360;
      return `<rect x="${x + 20}" y="${y + 20}" width="18" height="18" fill="white" opacity="${0.06 + (i % 4) * 0.04}"/>`;
    }).join(''),
  },
  handset: {
    from: '#d97706',
    to: '#c2410c',
    symbol: 'M8 3h8a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm3 15h2',
    motif: [1, 2, 3, 4, 5].map((k) => `<circle cx="230" cy="230" r="${k * 55}" fill="none" stroke="white" stroke-width="14" opacity="${0.2 - k * 0.03}"/>`).join(''),
  },
};

function svg({ from, to, symbol, motif }) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>
    <radialGradient id="glow" cx="0.78" cy="0.45" r="0.5"><stop offset="0" stop-color="white" stop-opacity="0.28"/><stop offset="1" stop-color="white" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#bg)"/>
  ${motif}
  <rect width="${WIDTH}" height="${HEIGHT}" fill="url(#glow)"/>
  <g transform="translate(640 60) scale(12.5)" fill="none" stroke="white" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" opacity="0.95"><path d="${symbol}"/></g>
</svg>`;
}

const out = path.join(import.meta.dirname, '..', 'db', 'seed', 'covers');
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined });
try {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT } });
  for (const [club, drawing] of Object.entries(CLUBS)) {
    await page.setContent(`<body style="margin:0">${svg(drawing)}</body>`);
    const file = path.join(out, `${club}.jpg`);
    await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
    console.log(`${file}: ${fs.statSync(file).size} bytes`);
  }
} finally {
  await browser.close();
}
