// Files a teacher attaches, checked in the browser before anything is sent (the server checks the bytes again).
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '@shared/contracts/messaging';

export const MAX_FILES = 5;
type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export type FileProblem = { name: string; problem: 'fileType' | 'fileSize' } | { name: ''; problem: 'fileCount' };

const isAttachmentType = (type: string): type is AttachmentType => (ATTACHMENT_TYPES as readonly string[]).includes(type);

/** What is wrong with the chosen files, each named, so the teacher knows which one to change. */
export function checkFiles(files: File[]): FileProblem[] {
  const problems: FileProblem[] = files.flatMap((f): FileProblem[] => {
    if (!isAttachmentType(f.type)) return [{ name: f.name, problem: 'fileType' }];
    return f.size > MAX_ATTACHMENT_BYTES ? [{ name: f.name, problem: 'fileSize' }] : [];
  });
  return files.length > MAX_FILES ? [...problems, { name: '', problem: 'fileCount' }] : problems;
}

/** The files as the API takes them: base64 of the bytes, with the type the browser recognised. */
export async function encodeFiles(files: File[]) {
  return Promise.all(files.map(async (f) => ({
    filename: f.name,
    contentType: f.type as AttachmentType,
    dataBase64: await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(',') + 1));
      reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
      reader.readAsDataURL(f);
    }),
  })));
}
