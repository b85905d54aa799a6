import { useEffect, useRef } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Router, match, useRouter } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { Layout } from './features/layout/Layout';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { RosterPage } from './features/classes/RosterPage';
import { SchoolPage } from './features/school/SchoolPage';
import { SchoolReachPage } from './features/school/SchoolReachPage';
import { OwnerPage } from './features/owner/OwnerPage';
import { InboxPage } from './features/messages/InboxPage';
import { ConversationPage } from './features/messages/ConversationPage';
import { NewConversationPage } from './features/messages/NewConversationPage';
import { AnnouncementPage } from './features/announcements/AnnouncementPage';
import { EditAnnouncementPage, NewAnnouncementPage } from './features/announcements/NewAnnouncementPage';
import { SentAnnouncementsPage } from './features/announcements/SentAnnouncementsPage';
import { ReachPage } from './features/announcements/ReachPage';
import { NotificationSettingsPage } from './features/settings/NotificationSettingsPage';
import { ReportAbsencePage } from './features/absence/ReportAbsencePage';
import { AttendancePage } from './features/absence/AttendancePage';
import { StudentAbsencePage } from './features/absence/StudentAbsencePage';
import { ApplyLeavePage } from './features/absence/ApplyLeavePage';
import { LeavePage } from './features/absence/LeavePage';
import { LeaveListPage } from './features/absence/LeaveListPage';
import { AbsenceOverviewPage } from './features/absence/AbsenceOverviewPage';
import { FollowupsPage } from './features/absence/FollowupsPage';
import { AbsenceRulesPage } from './features/absence/AbsenceRulesPage';
import { WriteToFamiliesPage } from './features/messages/WriteToFamiliesPage';
import { useLiveUpdates } from './lib/live';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: true } } });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Router>
          <Pages />
        </Router>
      </SessionProvider>
    </QueryClientProvider>
  );
}

const ROUTES: [string, (p: Record<string, string>) => React.ReactNode][] = [
  ['/', () => <HomePage />],
  ['/groups/:id', (p) => <RosterPage groupId={p.id!} />],
  ['/groups/:id/reach', (p) => <ReachPage groupId={p.id!} />],
  ['/schools/:id', (p) => <SchoolPage schoolId={p.id!} />],
  ['/schools/:id/reach', (p) => <SchoolReachPage schoolId={p.id!} />],
  ['/owners/:id', (p) => <OwnerPage ownerId={p.id!} />],
  ['/messages', () => <InboxPage />],
  ['/messages/new', () => <NewConversationPage />],
  ['/messages/to-families', () => <WriteToFamiliesPage />],
  ['/messages/:id', (p) => <ConversationPage conversationId={p.id!} />],
  ['/announcements/new', () => <NewAnnouncementPage />],
  ['/announcements/sent', () => <SentAnnouncementsPage />],
  ['/announcements/:id', (p) => <AnnouncementPage announcementId={p.id!} />],
  ['/announcements/:id/edit', (p) => <EditAnnouncementPage announcementId={p.id!} />],
  ['/settings/notifications', () => <NotificationSettingsPage />],
  ['/absence/new', () => <ReportAbsencePage />],
  ['/groups/:id/attendance', (p) => <AttendancePage groupId={p.id!} />],
  ['/groups/:id/absence', (p) => <AbsenceOverviewPage scope="groups" id={p.id!} />],
  ['/schools/:id/absence', (p) => <AbsenceOverviewPage scope="schools" id={p.id!} />],
  ['/students/:id/absence', (p) => <StudentAbsencePage studentId={p.id!} />],
  ['/absence/follow-ups', () => <FollowupsPage />],
  ['/owners/:id/absence-rules', (p) => <AbsenceRulesPage ownerId={p.id!} />],
  ['/leave', () => <LeaveListPage />],
  ['/leave/new', () => <ApplyLeavePage />],
  ['/leave/:id', (p) => <LeavePage applicationId={p.id!} />],
];

function Pages() {
  const { me, loading } = useSession();
  const { path } = useRouter();
  useLiveUpdates(me !== null);
  // On a move to another page the link or button that led there is gone, and focus with it (to <body>): it goes to
  // where the new page begins, as a screen reader starts at the top after a page load. Focus a page placed itself
  // (a dialog, a message) is left where it is.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) { firstPath.current = false; return; }
    if (!document.activeElement || document.activeElement === document.body) document.getElementById('main')?.focus();
  }, [path]);
  if (loading) return <Layout><p role="status"><FormattedMessage id="common.loading" /></p></Layout>;
  if (!me || path === '/login') return <Layout><LoginPage /></Layout>;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) return <Layout>{render(params)}</Layout>;
  }
  return <Layout><h1><FormattedMessage id="common.notFound" /></h1></Layout>;
}
