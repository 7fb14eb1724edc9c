import { useTranslation } from 'react-i18next';
import { Link, useRoute } from 'wouter';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { can } from '../permissions/can';
import { useCurrentUser } from '../session/CurrentUserContext';
import { LogoutButton } from '../session/LogoutButton';
import { RoleBadge } from './RoleBadge';

function NavLink({ href, label, match }: { href: string; label: string; match: string }) {
  const [active] = useRoute(match);
  return (
    <Link href={href} className={active ? 'sb-app-nav__link is-active' : 'sb-app-nav__link'} aria-current={active ? 'page' : undefined}>
      {label}
    </Link>
  );
}

/** Product name, navigation, who is signed in (with role), language and sign-out. */
export function AppHeader() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (
    <header className="sb-app-header">
      <Link href="/" className="sb-app-brand">
        {t('app.name')}
      </Link>
      <nav className="sb-app-nav" aria-label={t('app.header.navigation')}>
        <NavLink href="/" match="/" label={t('app.nav.flows')} />
        <NavLink href="/numbers" match="/numbers" label={t('app.nav.numbers')} />
        <NavLink href="/calendars" match="/calendars/*?" label={t('app.nav.calendars')} />
        {can(user.role, 'readAnalytics') && <NavLink href="/analytics" match="/analytics" label={t('app.nav.analytics')} />}
        {can(user.role, 'readCalls') && <NavLink href="/calls" match="/calls/*?" label={t('app.nav.calls')} />}
        {can(user.role, 'readAnalytics') && <NavLink href="/live" match="/live" label={t('app.nav.live')} />}
        {can(user.role, 'manageUsers') && <NavLink href="/users" match="/users" label={t('app.nav.users')} />}
      </nav>
      <div className="sb-app-header__user">
        <span className="sb-app-header__name" title={user.email} data-testid="current-user">
          {user.displayName}
        </span>
        <RoleBadge role={user.role} />
        <LanguageSwitch />
        <LogoutButton />
      </div>
    </header>
  );
}
