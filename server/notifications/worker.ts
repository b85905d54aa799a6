// The background work of a running Tillit: scheduled announcements whose time has come, and the
// notification outbox. The state lives in the database; this loop only polls it, so a restart loses nothing.
import type { SystemCtx } from '../core/context';
import type { Config } from '../config';
import { sendDueAnnouncements } from '../messaging/announcements.service';
import { deliverDue } from './notifications.service';
import { emailChannel, httpSmsChannel, type Channels } from './channels';
import { loadVapidKeys, pushChannel, type VapidKeys } from './push.service';

export function channelsFromConfig(config: Config, sys: SystemCtx): Channels & { close(): void } {
  const { smtpUrl, mailFrom, sms } = config.notify;
  const email = smtpUrl ? emailChannel(smtpUrl, mailFrom) : undefined;
  // Web Push needs no configuration: without keys in the environment, the database keeps a pair.
  let keys: Promise<VapidKeys> | undefined;
  return {
    ...(email ? { email } : {}),
    ...(sms ? { sms: httpSmsChannel(sms.url, sms.token, sms.sender) } : {}),
    push: pushChannel(sys.db, () => (keys ??= loadVapidKeys(sys.db, config).catch((err: unknown) => { keys = undefined; throw err; })), sys.clock),
    close: () => email?.close(),
  };
}

export function startBackgroundWork(sys: SystemCtx, config: Config): { stop(): Promise<void> } {
  const channels = channelsFromConfig(config, sys);
  const options = { emailAfterMinutes: config.notify.emailAfterMinutes, publicUrl: config.publicUrl };
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    try {
      await sendDueAnnouncements(sys);
      while (!stopped && (await deliverDue(sys, channels, options)).length > 0) { /* drain what is due */ }
    } catch (err) {
      sys.log.error({ err }, 'background work failed; trying again at the next tick');
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => { running = null; });
  }, config.notify.pollMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      channels.close();
    },
  };
}
