import type { NestExpressApplication } from '@nestjs/platform-express';
import { openCursor } from '@mmt/dcsa';
import { WatchesRepository } from '@mmt/watchlist';

interface HtmlResponse {
  status(code: number): HtmlResponse;
  type(type: string): HtmlResponse;
  send(body: string): void;
}

const page = (title: string, text: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 2em auto; padding: 0 1em; color: #1a1a1a">
<h1 style="font-size: 1.3em">${title}</h1>
<p>${text}</p>
</body></html>
`;

/**
 * GET /unsubscribe/<token>: the link of every notification e-mail. The token is the watch id signed by the platform
 * (kind `unsubscribe`), checked before anything is read; the watch's e-mail is turned off (its notifications are
 * still shown in the app) and a small page says so, in English and Chinese. 404 for a token it did not sign or a
 * watch no longer there. Following the link again changes nothing.
 */
export function serveUnsubscribeLinks(app: NestExpressApplication): void {
  const watches = app.get(WatchesRepository, { strict: false });
  const express = app.getHttpAdapter().getInstance() as {
    get: (path: string, handler: (req: { params: { token: string } }, res: HtmlResponse) => void) => void;
  };
  express.get('/unsubscribe/:token', (req, res) => {
    const watchId = openCursor('unsubscribe', req.params.token);
    const html = (code: number, title: string, text: string) => res.status(code).type('html').send(page(title, text));
    if (typeof watchId !== 'string') {
      html(404, 'Link not valid · 链接无效', 'This unsubscribe link is not one the platform made. · 此退订链接无效。');
      return;
    }
    watches.emailOff(watchId).then(
      (found) =>
        found
          ? html(
              200,
              'Unsubscribed · 已退订',
              'You will receive no more e-mails about this. Its notifications are still shown in the app. · 您将不再收到有关此项的邮件；通知仍会在应用中显示。',
            )
          : html(404, 'Not found · 未找到', 'You no longer follow this. · 您已不再关注此项。'),
      () =>
        html(503, 'Try again later · 请稍后再试', 'The platform could not record this just now. · 平台暂时无法处理。'),
    );
  });
}
