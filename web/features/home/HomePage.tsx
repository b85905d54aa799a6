import { FormattedMessage } from 'react-intl';
import { isLeaderRole, useSession } from '../../lib/session';
import { Link } from '../../lib/router';
import { ChildCards } from '../family/ChildCards';
import { useNews } from '../messages/news';

/** One home for everyone: the sections that apply to the person's relations (a teacher may also be a parent). */
export function HomePage() {
  const { me } = useSession();
  const news = useNews(me !== null);
  if (!me) return null;
  const groups = me.staff.filter((s) => s.group);
  const leaderSchools = [...new Map(me.staff.filter((s) => isLeaderRole(s.role)).map((s) => [s.school.id, s.school])).values()];
  const schoolRoles = me.staff.filter((s) => !s.group);
  return (
    <>
      <h1><FormattedMessage id="home.title" values={{ name: me.person.givenName }} /></h1>
      {news && (news.unread > 0 || news.toAcknowledge > 0) && (
        <section aria-labelledby="news-heading" className="notice">
          <h2 id="news-heading" className="h3"><FormattedMessage id="home.news" /></h2>
          {news.unread > 0 && <p><FormattedMessage id="home.newsUnread" values={{ count: news.unread, more: String(news.more) }} /></p>}
          {news.toAcknowledge > 0 && <p><FormattedMessage id="home.newsToAcknowledge" values={{ count: news.toAcknowledge }} /></p>}
          <p><Link href="/messages"><FormattedMessage id="home.newsOpen" /></Link></p>
        </section>
      )}
      {me.isGuardian && (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading"><FormattedMessage id="home.children" /></h2>
          <ChildCards />
        </section>
      )}
      {(me.staff.length > 0 || me.ownerAdminOf.length > 0) && (
        <nav aria-labelledby="sent-heading" className="card">
          <h2 id="sent-heading" className="h3"><FormattedMessage id="inbox.announcements" /></h2>
          <p className="button-row">
            <Link className="button secondary" href="/announcements/sent"><FormattedMessage id="sent.title" /></Link>
          </p>
        </nav>
      )}
      {me.staff.length > 0 && (
        <nav aria-labelledby="tasks-heading" className="card">
          <h2 id="tasks-heading" className="h3"><FormattedMessage id="home.absenceTasks" /></h2>
          <p className="button-row">
            <Link className="button secondary" href="/absence/follow-ups"><FormattedMessage id="followups.title" /></Link>
            <Link className="button secondary" href="/leave?status=pending"><FormattedMessage id="leave.listTitle" /></Link>
          </p>
        </nav>
      )}
      {(groups.length > 0 || schoolRoles.length > 0) && (
        <section aria-labelledby="groups-heading">
          <h2 id="groups-heading"><FormattedMessage id="home.myGroups" /></h2>
          <ul className="card-list">
            {groups.map((s) => (
              <li key={`${s.role}-${s.group!.id}`} className="card">
                <h3><Link href={`/groups/${s.group!.id}`}>{s.group!.name}</Link></h3>
                <p><FormattedMessage id={`role.${s.role}`} /> · {s.school.name}</p>
                <p className="button-row">
                  <Link className="button secondary" href={`/announcements/new?group=${s.group!.id}`}><FormattedMessage id="home.newAnnouncement" /></Link>
                  {s.role === 'kontaktlaerer' && <Link className="button secondary" href={`/groups/${s.group!.id}/reach`}><FormattedMessage id="home.reach" /></Link>}
                  <Link className="button secondary" href={`/groups/${s.group!.id}/attendance`}><FormattedMessage id="home.attendance" /></Link>
                  <Link className="button secondary" href={`/groups/${s.group!.id}/absence`}><FormattedMessage id="home.absenceOverview" /></Link>
                  {s.role === 'kontaktlaerer' && <Link className="button secondary" href={`/messages/to-families?group=${s.group!.id}`}><FormattedMessage id="home.writeToFamilies" /></Link>}
                </p>
              </li>
            ))}
            {schoolRoles.map((s) => (
              <li key={`${s.role}-${s.school.id}`} className="card">
                <h3><FormattedMessage id={`role.${s.role}`} /></h3>
                <p>{s.school.name}</p>
                {/* The office announces to the whole school, as its leaders do (announcements.policy.ts). */}
                {s.role === 'kontor' && (
                  <p className="button-row">
                    <Link className="button secondary" href={`/announcements/new?school=${s.school.id}`}><FormattedMessage id="home.newAnnouncement" /></Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {leaderSchools.length > 0 && (
        <section aria-labelledby="schools-heading">
          <h2 id="schools-heading"><FormattedMessage id="home.mySchools" /></h2>
          <ul className="card-list">
            {leaderSchools.map((s) => (
              <li key={s.id} className="card">
                <h3><Link href={`/schools/${s.id}`}>{s.name}</Link></h3>
                <p className="button-row">
                  <Link className="button secondary" href={`/announcements/new?school=${s.id}`}><FormattedMessage id="home.newAnnouncement" /></Link>
                  <Link className="button secondary" href={`/schools/${s.id}/absence`}><FormattedMessage id="home.absenceOverview" /></Link>
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {me.ownerAdminOf.length > 0 && (
        <section aria-labelledby="owners-heading">
          <h2 id="owners-heading"><FormattedMessage id="home.myOwners" /></h2>
          <ul className="card-list">
            {me.ownerAdminOf.map((o) => (
              <li key={o.id} className="card"><h3><Link href={`/owners/${o.id}`}>{o.name}</Link></h3></li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
