/** The smallest real media files the content scenarios ask for, built once at start-up. */

/** A 1x1 red PNG (RGB, one scanline), base64. */
export const RED_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC'

/** A valid PCM WAV file of `samples` silent 8-bit mono samples at 8 kHz, base64. */
export function silentWav(samples = 80): string {
  const rate = 8_000
  const wav = Buffer.alloc(44 + samples, 0x80) // 0x80 is silence for unsigned 8-bit PCM
  wav.write('RIFF', 0, 'ascii')
  wav.writeUInt32LE(36 + samples, 4)
  wav.write('WAVEfmt ', 8, 'ascii')
  wav.writeUInt32LE(16, 16) // fmt chunk size
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(rate, 24)
  wav.writeUInt32LE(rate, 28) // byte rate: rate x 1 channel x 1 byte
  wav.writeUInt16LE(1, 32) // block align
  wav.writeUInt16LE(8, 34) // bits per sample
  wav.write('data', 36, 'ascii')
  wav.writeUInt32LE(samples, 40)
  return wav.toString('base64')
}
