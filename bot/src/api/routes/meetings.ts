// /api/meetings: which pair (and session) a Teams meeting belongs to, set by the meeting tab's configuration page.
import { z } from 'zod';
import { meetingLinker, meetingLinkId } from '../../commands/meetingLinker';
import { notFound } from '../../domain/errors';
import { authorize, can, loadPair, loadPairItem } from '../../policies';
import { meetingLinkSchema } from '../responses';
import { defineRoute, type RouteDefinition } from '../route';
import { id, meetingId } from '../schemas';

export const meetingRoutes: RouteDefinition[] = [
  defineRoute({
    method: 'put',
    path: '/api/meetings/:meetingId/link',
    tag: 'Meetings',
    auth: 'user',
    params: z.object({ meetingId }),
    body: z.object({ pairId: id, sessionId: id.optional() }),
    summary: 'Tie a Teams meeting to a pair (and a session); members only',
    responses: { 200: { description: 'The link', schema: meetingLinkSchema } },
    async handle({ caller, params, body, services: { store } }) {
      const pair = await loadPair(store, caller, body.pairId);
      authorize(caller, 'linkMeeting', { kind: 'pair', pair });
      if (body.sessionId) await loadPairItem(store, pair, 'session', body.sessionId);
      const link = await meetingLinker(store, caller, pair, {
        meetingId: params.meetingId,
        ...(body.sessionId ? { sessionId: body.sessionId } : {}),
      });
      return { body: { meetingId: link.meetingId, pairId: link.pairId, sessionId: link.sessionId ?? null } };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/api/meetings/:meetingId',
    tag: 'Meetings',
    auth: 'user',
    params: z.object({ meetingId }),
    summary: 'The pair (and session) a meeting is linked to; members of that pair only',
    responses: { 200: { description: 'The link', schema: meetingLinkSchema } },
    async handle({ caller, params, services: { store } }) {
      const linkId = meetingLinkId(caller.tenantId, params.meetingId);
      const link = await store.meetingLinks.find({ tenantId: caller.tenantId, id: linkId }, linkId);
      // A linked meeting of someone else's pair answers exactly like an unlinked one.
      const pair = link ? await store.pairDocs.findById(caller.tenantId, link.pairId) : undefined;
      if (!link || !pair || !can(caller, 'read', { kind: 'meetingLink', link, pair })) throw notFound('meeting link');
      return { body: { meetingId: link.meetingId, pairId: link.pairId, sessionId: link.sessionId ?? null } };
    },
  }),
];
