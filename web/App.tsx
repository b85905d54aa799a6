import { Suspense, useEffect, useRef } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { Router, match, useRouter } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { Layout } from './features/layout/Layout';
import { LoginPage } from './features/auth/LoginPage';
import { HomePage } from './features/home/HomePage';
import { InboxPage } from './features/messages/InboxPage';
import { ConversationPage } from './features/messages/ConversationPage';
import { NewConversationPage } from './features/messages/NewConversationPage';
import { AnnouncementPage } from './features/announcements/AnnouncementPage';
import { NotificationSettingsPage } from './features/settings/NotificationSettingsPage';
import { ReportAbsencePage } from './features/absence/ReportAbsencePage';
import { StudentAbsencePage } from './features/absence/StudentAbsencePage';
import { ApplyLeavePage } from './features/absence/ApplyLeavePage';
import { LeavePage } from './features/absence/LeavePage';
import { useLiveUpdates } from './lib/live';
import { lazyPage, preloadPages } from './lib/lazy-page';

// Staff's pages (web/lib/lazy-page.tsx); a guardian's are in the app's own script.
const RosterPage = lazyPage(() => import('./features/classes/RosterPage').then((m) => m.RosterPage));
const SchoolPage = lazyPage(() => import('./features/school/SchoolPage').then((m) => m.SchoolPage));
const SchoolReachPage = lazyPage(() => import('./features/school/SchoolReachPage').then((m) => m.SchoolReachPage));
const OwnerPage = lazyPage(() => import('./features/owner/OwnerPage').then((m) => m.OwnerPage));
const SentAnnouncementsPage = lazyPage(() => import('./features/announcements/SentAnnouncementsPage').then((m) => m.SentAnnouncementsPage));
const ReachPage = lazyPage(() => import('./features/announcements/ReachPage').then((m) => m.ReachPage));
const AttendancePage = lazyPage(() => import('./features/absence/AttendancePage').then((m) => m.AttendancePage));
const LeaveListPage = lazyPage(() => import('./features/absence/LeaveListPage').then((m) => m.LeaveListPage));
const AbsenceOverviewPage = lazyPage(() => import('./features/absence/AbsenceOverviewPage').then((m) => m.AbsenceOverviewPage));
const FollowupsPage = lazyPage(() => import('./features/absence/FollowupsPage').then((m) => m.FollowupsPage));
const AbsenceRulesPage = lazyPage(() => import('./features/absence/AbsenceRulesPage').then((m) => m.AbsenceRulesPage));
const WriteToFamiliesPage = lazyPage(() => import('./features/messages/WriteToFamiliesPage').then((m) => m.WriteToFamiliesPage));
const NewAnnouncementPage = lazyPage(() => import('./features/announcements/NewAnnouncementPage').then((m) => m.NewAnnouncementPage));
const EditAnnouncementPage = lazyPage(() => import('./features/announcements/NewAnnouncementPage').then((m) => m.EditAnnouncementPage));
const STAFF_PAGES = [RosterPage, SchoolPage, SchoolReachPage, OwnerPage, SentAnnouncementsPage, ReachPage, AttendancePage, LeaveListPage,
  AbsenceOverviewPage, FollowupsPage, AbsenceRulesPage, WriteToFamiliesPage, NewAnnouncementPage, EditAnnouncementPage];

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
  const isStaff = me !== null && (me.staff.length > 0 || me.ownerAdminOf.length > 0);
  useEffect(() => (isStaff ? preloadPages(STAFF_PAGES) : undefined), [isStaff]);
  // On a move to another page the link or button that led there is gone, and focus with it (to <body>): it goes to
  // where the new page begins, as a screen reader starts at the top after a page load. Focus a page placed itself
  // (a dialog, a message) is left where it is.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) { firstPath.current = false; return; }
    if (!document.activeElement || document.activeElement === document.body) document.getElementById('main')?.focus();
  }, [path]);
  const loadingPage = <p role="status"><FormattedMessage id="common.loading" /></p>;
  if (loading) return <Layout>{loadingPage}</Layout>;
  if (!me || path === '/login') return <Layout><LoginPage /></Layout>;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, path);
    if (params) return <Layout><Suspense fallback={loadingPage}>{render(params)}</Suspense></Layout>;
  }
  return <Layout><h1><FormattedMessage id="common.notFound" /></h1></Layout>;
}
