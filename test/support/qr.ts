import jsQRModule from 'jsqr';
import sharp from 'sharp';

// jsqr is CommonJS with a `default` export: Node's ESM import puts it one level down.
const jsQR = jsQRModule.default;

/** The text of the QR code in an image (PNG, SVG, …), or undefined when none is found. */
export async function decodeQr(image: Buffer, options: { density?: number; width?: number } = {}): Promise<string | undefined> {
  let pipeline = sharp(image, options.density ? { density: options.density } : {});
  if (options.width) pipeline = pipeline.resize(options.width);
  const { data, info } = await pipeline.flatten({ background: '#ffffff' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data;
}
