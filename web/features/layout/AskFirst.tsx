// "Are you sure?" in the page itself: the first press only asks, "yes" does it, "no" puts things back. Used where a
// press cannot be undone or takes something from someone (taking a person out of a conversation, cancelling a
// scheduled announcement, confirming a family's situation). Focus goes to "no" when asked, and back to the button
// after "no", so a keyboard or screen-reader user is never left on a button that has gone.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface AskFirstProps {
  /** The button that asks, and its accessible name when its text alone does not say whom it concerns. */
  ask: ReactNode;
  askLabel?: string;
  question: ReactNode;
  yes: ReactNode;
  no: ReactNode;
  /** The work is on its way: both answers wait. */
  busy: boolean;
  onYes: () => void;
  /** Called when the question opens (to clear an earlier attempt's error). */
  onAsk?: () => void;
}

export function AskFirst({ ask, askLabel, question, yes, no, busy, onYes, onAsk }: AskFirstProps) {
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const noButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) noButton.current?.focus();
    else if (returnFocus.current) askButton.current?.focus();
    returnFocus.current = false;
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="button secondary" ref={askButton} aria-label={askLabel} onClick={() => { onAsk?.(); setAsking(true); }}>
        {ask}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      <p className="button-row">
        <button type="button" className="button" onClick={onYes} disabled={busy}>{yes}</button>
        <button type="button" className="button secondary" ref={noButton} onClick={() => { returnFocus.current = true; setAsking(false); }} disabled={busy}>
          {no}
        </button>
      </p>
    </div>
  );
}
