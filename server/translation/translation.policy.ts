// Which texts go to the translation service at all. Who may read them is decided where it always is
// (server/messaging: loadReadableAnnouncement, loadReadable): a translation shows nobody anything they could not read.
/**
 * An announcement its author marked confidential keeps its text inside Tillit: not in e-mail, push or SMS, and not
 * sent to the translation service either, even the owner's own. Such a text is for a human-checked translation or an
 * interpreter (10.5), which the reader is told to ask the school for. A conversation's messages are translated on
 * request: they are one family's own exchange with the school, and the reader asks for it, one message at a time.
 */
export const mayMachineTranslateAnnouncement = (announcement: { confidential: boolean }): boolean => !announcement.confidential;
