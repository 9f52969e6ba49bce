// Response headers for every page and API answer: the tab may be framed only by the hosts that embed
// Teams tabs, HTTPS is sticky, and nothing sniffs or leaks.
import helmet from 'helmet';

/**
 * Hosts allowed to frame the tab, from Microsoft's "Tab requirements" (learn.microsoft.com,
 * microsoftteams/platform/tabs/how-to/tab-requirements): all Microsoft 365 hosts (*.cloud.microsoft),
 * Teams, the Microsoft 365 app and Outlook. 'self' lets a same-origin page host it (tests).
 */
export const TAB_FRAME_ANCESTORS = [
  "'self'",
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Fluent UI (Griffel) inserts its atomic CSS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        // teams-js refreshes its list of valid host origins from this CDN.
        connectSrc: ["'self'", 'https://res.cdn.office.net'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: TAB_FRAME_ANCESTORS,
      },
    },
    // X-Frame-Options cannot name several hosts and would block Teams; frame-ancestors governs framing.
    frameguard: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
