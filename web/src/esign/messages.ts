/**
 * What the user is told when signing fails, in their language. NCALayer's failures map to
 * web.ftl messages; the server's refusals already carry a translated title and are shown as is.
 */
import type { Lang, Messages } from '../i18n.js';
import { CONNECTION_CLOSED, NcaLayerError, RESPONSE_TIMEOUT } from './ncalayer.js';
import { ApiError } from './signin.js';

export interface MessageRef {
  id: string;
  args?: Record<string, string>;
}

/** The web.ftl message for an NCALayer failure. */
export function ncaLayerMessage(error: NcaLayerError): MessageRef {
  switch (error.kind) {
    case 'not-running':
      return { id: 'ncalayer-not-running' };
    case 'cancelled':
      return { id: 'ncalayer-cancelled' };
    case 'bad-response':
      return { id: 'ncalayer-bad-response' };
    case 'failed':
      if (error.code === CONNECTION_CLOSED) return { id: 'ncalayer-closed' };
      if (error.code === RESPONSE_TIMEOUT) return { id: 'ncalayer-timeout' };
      if (error.code === 'MODULE_NOT_FOUND') return { id: 'ncalayer-outdated' };
      return { id: 'ncalayer-failed', args: { reason: error.detail ?? error.code ?? '?' } };
  }
}

/** The text to show for any failure of the sign-in or act-signing flow. */
export function describeFailure(error: unknown, lang: Lang, messages: Messages): string {
  if (error instanceof NcaLayerError) {
    const ref = ncaLayerMessage(error);
    return messages.format(lang, ref.id, ref.args);
  }
  if (error instanceof ApiError) {
    if (error.kind === 'problem' && error.title) return error.title;
    return messages.format(lang, error.kind === 'unreachable' ? 'api-unreachable' : 'api-bad-response');
  }
  return messages.format(lang, 'web-unexpected-error');
}
