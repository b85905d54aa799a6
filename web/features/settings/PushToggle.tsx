import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { currentSubscription, disablePush, enablePush, pushSupported } from './push';

/** "Notify me on this device": Web Push, the first channel before e-mail and SMS. */
export function PushToggle() {
  const [state, setState] = useState<'unsupported' | 'off' | 'on' | 'denied' | 'busy'>(pushSupported() ? 'busy' : 'unsupported');
  useEffect(() => {
    if (!pushSupported()) return;
    let live = true;
    void currentSubscription().then((s) => { if (live) setState(s ? 'on' : 'off'); });
    return () => { live = false; };
  }, []);
  if (state === 'unsupported') return <p className="hint"><FormattedMessage id="settings.push.unsupported" /></p>;
  const toggle = async () => {
    setState('busy');
    if (state === 'on') {
      await disablePush();
      setState('off');
    } else {
      setState((await enablePush()) ? 'on' : 'denied');
    }
  };
  return (
    <section aria-labelledby="push-heading" className="card">
      <h2 id="push-heading" className="h3"><FormattedMessage id="settings.push.title" /></h2>
      <p role="status"><FormattedMessage id={`settings.push.${state === 'busy' ? 'off' : state}`} /></p>
      <button type="button" disabled={state === 'busy'} onClick={() => void toggle()}>
        <FormattedMessage id={state === 'on' ? 'settings.push.disable' : 'settings.push.enable'} />
      </button>
    </section>
  );
}
