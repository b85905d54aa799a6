import { FormattedList, FormattedMessage, useIntl } from 'react-intl';
import type { AudienceSummary } from '@shared/contracts/messaging';

/** Whom it went to: the groups by name, the levels of a school, the school, the owner, or how many chosen students. */
export function AudienceText({ audience }: { audience: AudienceSummary }) {
  const intl = useIntl();
  switch (audience.type) {
    case 'groups':
      return <FormattedList type="conjunction" value={audience.groups} />;
    case 'levels': {
      const levels = audience.levels.map((level) => intl.formatMessage({ id: 'newAnnouncement.level' }, { level }));
      return <FormattedMessage id="sent.audience.levels" values={{ levels: <FormattedList type="conjunction" value={levels} />, school: audience.school }} />;
    }
    case 'school':
      return <FormattedMessage id="sent.audience.school" values={{ school: audience.school }} />;
    case 'owner':
      return <FormattedMessage id="sent.audience.owner" values={{ owner: audience.owner }} />;
    case 'students':
      return <FormattedMessage id="sent.audience.students" values={{ count: audience.count }} />;
  }
}
