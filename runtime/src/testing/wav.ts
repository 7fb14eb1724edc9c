/**
 * Hold music written at set-up (nothing downloaded): a 16-bit mono 8 kHz WAV of a soft two-note chime, enough
 * for `local_stream://moh` to have something to play.
 */
export function holdMusicWav(seconds = 4, rate = 8000): Buffer {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const frequency = Math.floor(t) % 2 === 0 ? 523.25 : 659.25;
    const envelope = Math.min(1, (t % 1) * 20) * Math.max(0, 1 - (t % 1));
    data.writeInt16LE(Math.round(Math.sin(2 * Math.PI * frequency * t) * envelope * 6000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
