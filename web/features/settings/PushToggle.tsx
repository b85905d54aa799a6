import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useGate } from '../../lib/submit-once';
import { currentSubscription, disablePush, enablePush, pushSupported } from './push';

/** "Notify me on this device": Web Push, the first channel before e-mail and SMS. */
export function PushToggle() {
  const [state, setState] = useState<'unsupported' | 'off' | 'on' | 'denied' | 'busy'>(pushSupported() ? 'busy' : 'unsupported');
  // What could not be done this time (the browser's push service refused, the network failed): said, and the
  // button stays usable to try again.
  const [failed, setFailed] = useState<'enable' | 'disable' | null>(null);
  const gate = useGate();
  useEffect(() => {
    if (!pushSupported()) return;
    let live = true;
    void currentSubscription().then((s) => { if (live) setState(s ? 'on' : 'off'); }, () => { if (live) setState('off'); });
    return () => { live = false; };
  }, []);
  if (state === 'unsupported') return <p className="hint"><FormattedMessage id="settings.push.unsupported" /></p>;
  const toggle = async () => {
    const turningOff = state === 'on';
    setState('busy');
    setFailed(null);
    try {
      if (turningOff) {
        await disablePush();
        setState('off');
      } else {
        setState((await enablePush()) ? 'on' : 'denied');
      }
    } catch {
      setState(turningOff ? 'on' : 'off');
      setFailed(turningOff ? 'disable' : 'enable');
    }
  };
  return (
    <section aria-labelledby="push-heading" className="card">
      <h2 id="push-heading" className="h3"><FormattedMessage id="settings.push.title" /></h2>
      <p role="status"><FormattedMessage id={`settings.push.${state === 'busy' ? 'off' : state}`} /></p>
      {failed && <p role="alert" className="error"><FormattedMessage id={failed === 'enable' ? 'settings.push.enableFailed' : 'settings.push.disableFailed'} /></p>}
      <button type="button" disabled={state === 'busy'} onClick={() => gate.run(toggle)}>
        <FormattedMessage id={state === 'on' ? 'settings.push.disable' : 'settings.push.enable'} />
      </button>
    </section>
  );
}
