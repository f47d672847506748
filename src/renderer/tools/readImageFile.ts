/** Decodes an image file in the browser to RGBA, as the canvas sees it. */
export async function readImageFile(file: File): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  let bitmap: ImageBitmap;
  try {
    // Keep the stored values: no premultiplication, no colour management on a matte.
    bitmap = await createImageBitmap(file, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  } catch {
    throw new Error(`Cannot read ${file.name} as an image. Use a PNG, JPEG, WebP or BMP mask.`);
  }
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { width: canvas.width, height: canvas.height, data: context.getImageData(0, 0, canvas.width, canvas.height).data };
}
