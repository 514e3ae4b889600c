import { createCanvas, loadImage } from '@napi-rs/canvas';

/** Counts pixels darker than `threshold` (0–255, mean of RGB) in a rectangle of a PNG. */
export async function darkPixels(
  png: Uint8Array,
  area: { x: number; y: number; width: number; height: number },
  threshold = 110,
): Promise<number> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(area.x, area.y, area.width, area.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i]! + data[i + 1]! + data[i + 2]!) / 3 < threshold) n++;
  return n;
}

/** Distinct colours (#rrggbb) found in a PNG, with their pixel counts. */
export async function colourCounts(png: Uint8Array): Promise<Map<string, number>> {
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const counts = new Map<string, number>();
  for (let i = 0; i < data.length; i += 4) {
    const hex = `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
  }
  return counts;
}
