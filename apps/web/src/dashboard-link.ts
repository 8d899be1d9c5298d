/**
 * The dashboard's state lives in its URL (#/dashboard?period=2026-W11&state=OPEN…): changed in place, without
 * reopening the page, and remembered for the session so that the menu's link opens the dashboard as it was left.
 */
const REMEMBERED = 'mmt.dashboard';
export const NAV_LINK_ID = 'nav-dashboard';

/** The menu's link: the dashboard as it was last shown in this session. */
export function dashboardLink(): string {
  const remembered = sessionStorage.getItem(REMEMBERED);
  return remembered ? `#/dashboard?${remembered}` : '#/dashboard';
}

/** Puts the dashboard's state in the address bar and the menu's link, without a hashchange. */
export function showInUrl(params: URLSearchParams): void {
  const hash = `#/dashboard?${params.toString()}`;
  history.replaceState(history.state, '', hash);
  sessionStorage.setItem(REMEMBERED, params.toString());
  document.getElementById(NAV_LINK_ID)?.setAttribute('href', hash);
}
