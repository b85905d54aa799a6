// Attachments are checked by their bytes, not by the name or type the browser claims.
import { AppError } from '../core/errors';
import { MAX_ATTACHMENT_BYTES } from '@shared/contracts/messaging';

type AttachmentType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/webp';

const SIGNATURES: Record<AttachmentType, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export function decodeAttachments(files: { filename: string; contentType: AttachmentType; dataBase64: string }[]) {
  return files.map((f, i) => {
    const content = Buffer.from(f.dataBase64, 'base64');
    const path = `attachments.${i}`;
    if (content.length === 0 || content.length > MAX_ATTACHMENT_BYTES) {
      throw new AppError('validation_failed', 'Attachment too large', [{ path, code: 'too_big', message: `at most ${MAX_ATTACHMENT_BYTES} bytes` }]);
    }
    if (!SIGNATURES[f.contentType](content)) {
      throw new AppError('validation_failed', 'Attachment is not what it says', [{ path, code: 'invalid_type', message: `the file is not ${f.contentType}` }]);
    }
    return { filename: f.filename.replace(/[/\\\0]/g, '_'), contentType: f.contentType, content };
  });
}
