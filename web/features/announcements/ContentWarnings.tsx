import { useRef, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { ApiError } from '../../lib/api';

/** One warning from the server's content check: its kind, and what it found (a student's name, the health words). */
export interface ContentWarningFound {
  code: string;
  found: string;
}

export function warningsOf(err: unknown): ContentWarningFound[] {
  return err instanceof ApiError && err.code === 'content_warning' ? err.issues.map((i) => ({ code: i.code, found: i.message })) : [];
}

/**
 * The warnings a send to many families got, for exactly the text they were given for. `changed` is called on every
 * change to what the server checks (the title or subject, the text, whom it goes to): the warnings are dropped, so
 * "Send anyway" never confirms a text nobody checked; it sends the warnings shown (`confirmWarnings`), and the server
 * asks again if the text holds anything else. A send carries `version()`; its warnings
 * count only if nothing was changed while it was on its way.
 */
export function useContentWarnings() {
  const [warnings, setWarnings] = useState<ContentWarningFound[]>([]);
  const edits = useRef(0);
  return {
    warnings,
    changed: () => {
      edits.current += 1;
      setWarnings((w) => (w.length === 0 ? w : []));
    },
    version: () => edits.current,
    /** What "Send anyway" confirms: the warnings shown, which the server checks against the text again. */
    confirmation: () => (warnings.length > 0 ? warnings.map((w) => ({ kind: w.code, detail: w.found })) : false),
    failed: (err: unknown, version: number) => setWarnings(version === edits.current ? warningsOf(err) : []),
  };
}

export function ContentWarnings({ warnings }: { warnings: ContentWarningFound[] }) {
  if (warnings.length === 0) return null;
  return (
    <div role="alert" className="warning">
      <p><FormattedMessage id="newAnnouncement.warning" /></p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>
            <FormattedMessage id={`warning.${w.code}`} />
            {w.found && <> <FormattedMessage id="newAnnouncement.warningFound" values={{ found: <strong>{w.found}</strong> }} /></>}
          </li>
        ))}
      </ul>
    </div>
  );
}
