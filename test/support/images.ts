/** Test images made on the fly with sharp. */
import sharp from 'sharp';

/** A camera-like JPEG: large, rotated by EXIF, with the GPS position of where it was taken. */
export async function jpegWithGps(width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '18/1 47/1 1812/100', GPSLongitudeRef: 'E', GPSLongitude: '98/1 59/1 714/100' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** The EXIF tag 0x8825 (little-endian) points to the GPS block. */
export const hasGpsBlock = (exif: Buffer | undefined): boolean => exif !== undefined && exif.includes(Buffer.from([0x25, 0x88]));
