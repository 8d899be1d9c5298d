import type { NestExpressApplication } from '@nestjs/platform-express';
import { journeyView } from '../journeys/conveyance-view';
import { ShareLinks } from './share-links';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * GET /share/<token>: the journey a share link names, read-only and without an API key; 404 for a link that
 * does not exist, 410 once it has expired.
 */
export function serveShareLinks(app: NestExpressApplication): void {
  const links = app.get(ShareLinks);
  const express = app.getHttpAdapter().getInstance() as {
    get: (path: string, handler: (req: { params: { token: string } }, res: JsonResponse) => void) => void;
  };
  express.get('/share/:token', (req, res) => {
    links.open(req.params.token).then(
      (shared) => {
        switch (shared.found) {
          case 'journey':
            res.status(200).json({ journey: journeyView(shared.journey), expiresAt: shared.expiresAt });
            return;
          case 'expired':
            res.status(410).json({ error: `This link expired at ${shared.expiresAt}`, expiresAt: shared.expiresAt });
            return;
          case 'unknown':
            res.status(404).json({ error: 'No such link' });
            return;
        }
      },
      (error: unknown) => res.status(503).json({ error: `Could not read the link: ${String(error)}` }),
    );
  });
}
